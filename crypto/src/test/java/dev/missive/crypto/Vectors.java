package dev.missive.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the known-answer files under {@code vectors/} (format in {@code vectors/README.md}). */
final class Vectors {

    private static final Pattern REPEAT = Pattern.compile("([0-9a-fA-F]{2})\\*(\\d+)");

    private Vectors() {}

    /** One record: field name to raw text value. */
    record Entry(Map<String, String> fields) {
        byte[] bytes(String name) {
            String value = text(name);
            if (value.startsWith("ascii:")) {
                return value.substring("ascii:".length()).getBytes(StandardCharsets.US_ASCII);
            }
            Matcher repeat = REPEAT.matcher(value);
            if (repeat.matches()) {
                byte[] out = new byte[Integer.parseInt(repeat.group(2))];
                java.util.Arrays.fill(out, (byte) Integer.parseInt(repeat.group(1), 16));
                return out;
            }
            return Encodings.fromHex(value);
        }

        String ascii(String name) {
            return new String(bytes(name), StandardCharsets.US_ASCII);
        }

        String text(String name) {
            String value = fields.get(name);
            if (value == null) {
                throw new IllegalArgumentException("vector has no field " + name + ": " + fields.keySet());
            }
            return value;
        }

        int integer(String name) {
            return Integer.parseInt(text(name), 16);
        }

        @Override
        public String toString() {
            return fields.getOrDefault("name", fields.getOrDefault("kind", "vector"));
        }
    }

    static List<Entry> load(String file) {
        String text;
        try (InputStream in = Vectors.class.getResourceAsStream("vectors/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("missing vector file " + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    entries.add(new Entry(current));
                    current = new LinkedHashMap<>();
                }
            } else if (!line.startsWith("#")) {
                int eq = line.indexOf(" =");
                String value = line.substring(eq + 2);
                current.put(line.substring(0, eq), value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        if (!current.isEmpty()) {
            entries.add(new Entry(current));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no vectors in " + file);
        }
        return entries;
    }

    static Entry single(String file) {
        List<Entry> entries = load(file);
        if (entries.size() != 1) {
            throw new IllegalArgumentException(file + " holds " + entries.size() + " records, expected 1");
        }
        return entries.get(0);
    }
}
