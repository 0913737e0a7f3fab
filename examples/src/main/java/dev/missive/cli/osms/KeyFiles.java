package dev.missive.cli.osms;

import dev.missive.cli.CommandFailure;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.osms.model.OtrPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The key files of the {@code osms} commands: a private key is PEM {@code PRIVATE KEY} (DER
 * PKCS#8 of a DSA-1024/160 key, readable by the owner only); its public half, written next to it as
 * {@code FILE.pub}, is PEM {@code OTR PUBLIC KEY} holding OTR's PUBKEY serialisation (what an
 * operator registers on a server with closed registration).
 */
final class KeyFiles {

    /** The PEM label of a private key file. */
    static final String PRIVATE_LABEL = "PRIVATE KEY";

    /** The PEM label of a public key file. */
    static final String PUBLIC_LABEL = "OTR PUBLIC KEY";

    private KeyFiles() {}

    /**
     * Reads a private key file.
     *
     * @throws CommandFailure naming the option and the file if it cannot be read or is not an OTR key
     */
    static OtrKeyPair readPrivate(String option, Path file) {
        try {
            return OtrKeyPair.fromPkcs8(Encodings.fromPem(PRIVATE_LABEL, Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("cannot read " + option + " " + file + ": " + CommandFailure.reason(e), e);
        }
    }

    /**
     * Reads a public key: a {@code .pub} file, or the public half of a private key file.
     *
     * @throws CommandFailure naming the option and the file if it holds neither
     */
    static OtrPublicKey readPublic(String option, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + option + " " + file + ": " + CommandFailure.reason(e), e);
        }
        try {
            if (text.contains("-----BEGIN " + PUBLIC_LABEL + "-----")) {
                return OtrPublicKey.parse(Encodings.fromPem(PUBLIC_LABEL, text));
            }
            return OtrPublicKey.of(
                    OtrKeyPair.fromPkcs8(Encodings.fromPem(PRIVATE_LABEL, text)).publicKey());
        } catch (RuntimeException e) {
            throw new CommandFailure(
                    option + " " + file + " is not an OTR public key (osms keygen writes FILE.pub): "
                            + CommandFailure.reason(e),
                    e);
        }
    }

    /**
     * Writes a new key pair to {@code file} (owner-only) and its public half to {@code file.pub};
     * neither may exist yet.
     *
     * @throws IOException if a file exists or cannot be written
     */
    static Path writeNew(Path file, OtrKeyPair key) throws IOException {
        Path pub = publicFileOf(file);
        if (Files.exists(pub)) {
            throw new FileAlreadyExistsException(pub.toString());
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, Encodings.pem(PRIVATE_LABEL, key.revealPkcs8()), StandardCharsets.US_ASCII);
        Files.writeString(
                pub,
                Encodings.pem(PUBLIC_LABEL, OtrPublicKey.of(key.publicKey()).encode()),
                StandardCharsets.US_ASCII);
        return pub;
    }

    /** Where the public half of {@code file} goes. */
    static Path publicFileOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".pub");
    }
}
