package dev.missive.cli.mesh;

import dev.missive.cli.CommandFailure;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.mesh.MeshException;
import dev.missive.mesh.client.MeshKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Key files of the mesh commands: a private key is a PKCS#8 PEM file ({@code BEGIN PRIVATE KEY},
 * {@link MeshKeys}), written readable by its owner only; a public key is its base64 SPKI text.
 */
final class MeshKeyFiles {

    private MeshKeyFiles() {}

    /**
     * Reads the private key in {@code file}.
     *
     * @throws CommandFailure naming the file if it cannot be read or holds no RSA private key
     */
    static RsaPrivateKey read(Path file, String option) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CommandFailure("cannot read " + option + " " + file + ": " + CommandFailure.reason(e), e);
        }
        try {
            return MeshKeys.fromPem(pem);
        } catch (MeshException | IllegalArgumentException e) {
            throw new CommandFailure(
                    option + " " + file + " holds no RSA private key (PKCS#8 PEM): " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code key} to a new file {@code file}, readable by its owner only.
     *
     * @throws IOException if the file exists or cannot be written
     */
    static void writeNew(Path file, RsaPrivateKey key) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("file exists (a key is never overwritten)", e);
        }
        Files.writeString(file, MeshKeys.toPem(key), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * A recipient given as {@code --to}: a file holding a private key (its public half is used) or a
     * public key's base64 text, or that text itself.
     *
     * @throws CommandFailure if a file cannot be read
     */
    static String recipient(String value) {
        Path file;
        try {
            file = Path.of(value);
        } catch (RuntimeException notAPath) {
            return value.strip();
        }
        if (!Files.isRegularFile(file)) {
            return value.strip();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new CommandFailure("cannot read --to " + file + ": " + CommandFailure.reason(e), e);
        }
        if (text.contains("-----BEGIN")) {
            return MeshKeys.publicKeyText(read(file, "--to"));
        }
        return text;
    }
}
