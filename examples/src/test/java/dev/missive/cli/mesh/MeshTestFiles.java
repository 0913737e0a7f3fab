package dev.missive.cli.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fixed RSA-4096 test keys (generating one takes seconds): copies of core's mesh test keys under
 * {@code dev/missive/cli/mesh/} in this module's test resources. Test use only: the private keys are
 * public.
 */
final class MeshTestFiles {

    private MeshTestFiles() {}

    /** Writes test key {@code name} ({@code alice}, {@code bob}, {@code server-a..c}) to {@code dir/name.pem}. */
    static Path key(Path dir, String name) {
        Path file = dir.resolve(name + ".pem");
        try (InputStream in = MeshTestFiles.class.getResourceAsStream(name + ".pem")) {
            if (in == null) {
                throw new IllegalArgumentException("no test key " + name);
            }
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
