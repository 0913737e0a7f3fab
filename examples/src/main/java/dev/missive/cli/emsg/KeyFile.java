package dev.missive.cli.emsg;

import dev.missive.cli.CommandFailure;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.Encodings;
import dev.missive.emsg.model.EmsgSigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A user's or server's EMSG key on disk: an Ed25519 private key, PKCS#8 in PEM ({@code PRIVATE KEY}),
 * readable by its owner only. The key id is derived from the public key ({@code ed-} and the first
 * 16 characters of the unpadded base64url SHA-256 of its 32 bytes), so the file holds nothing else
 * and every tool derives the same id.
 */
public final class KeyFile {

    private static final String LABEL = "PRIVATE KEY";

    private KeyFile() {}

    /**
     * Generates a key and writes it to a new file.
     *
     * @param file where to write; must not exist
     * @return the signing key
     * @throws CommandFailure if the file exists or cannot be written
     */
    static EmsgSigningKey generate(Path file) {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
        byte[] pkcs8 = key.revealPkcs8();
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, Encodings.pem(LABEL, pkcs8), StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailure("key file " + file + " exists: refusing to overwrite a key", e);
        } catch (IOException e) {
            throw new CommandFailure("cannot write key file " + file + ": " + CommandFailure.reason(e), e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        return signingKey(key);
    }

    /**
     * Generates a key that lives only in memory.
     *
     * @return the signing key
     */
    static EmsgSigningKey generateInMemory() {
        return signingKey(Ed25519PrivateKey.generate(new SecureRandom()));
    }

    /**
     * Reads a key file.
     *
     * @param file the file
     * @return the signing key
     * @throws CommandFailure if the file cannot be read or holds no Ed25519 PKCS#8 key
     */
    public static EmsgSigningKey read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CommandFailure("cannot read key file " + file + ": " + CommandFailure.reason(e), e);
        }
        try {
            return signingKey(Ed25519PrivateKey.fromPkcs8(Encodings.fromPem(LABEL, pem)));
        } catch (RuntimeException e) {
            throw new CommandFailure("key file " + file + " holds no Ed25519 private key (PKCS#8 PEM)", e);
        }
    }

    /**
     * The key id of an Ed25519 public key.
     *
     * @param raw the 32-byte public key
     * @return the key id
     */
    static String kid(byte[] raw) {
        return "ed-" + Encodings.base64Url(Digests.sha256(raw)).substring(0, 16);
    }

    private static EmsgSigningKey signingKey(Ed25519PrivateKey key) {
        return EmsgSigningKey.ed25519(kid(key.publicKey().raw()), key);
    }
}
