package dev.missive.smp.secure;

import dev.missive.crypto.Encodings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the independently generated vectors under {@code src/test/resources/dev/missive/smp/secure}. */
final class SecureTransportVectors {

    /** One block vector: counter, stream payload, expected wire block. */
    record Block(int counter, byte[] payload, byte[] wire) {}

    private SecureTransportVectors() {}

    static List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (String line : lines("blocks-kat.txt")) {
            String[] f = line.split(" ");
            byte[] payload = f[1].equals("-") ? new byte[0] : Encodings.fromHex(f[1]);
            blocks.add(new Block(Integer.parseInt(f[0]), payload, Encodings.fromHex(f[2])));
        }
        return blocks;
    }

    static Map<String, byte[]> handshake() {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        for (String line : lines("handshake-kat.txt")) {
            String[] f = line.split(" ");
            fields.put(f[0], Encodings.fromHex(f[1]));
        }
        return fields;
    }

    private static List<String> lines(String name) {
        try (InputStream in = SecureTransportVectors.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
