package dev.missive.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Comparison of secrets (MACs, hashes, auth codes) whose running time does not depend on where the
 * inputs first differ. The length of the inputs is not secret.
 */
public final class ConstantTime {

    private ConstantTime() {}

    /**
     * True iff {@code a} and {@code b} hold the same bytes; time depends only on the lengths.
     *
     * @param a the first byte string
     * @param b the second byte string
     * @return {@code true} if both have the same length and the same bytes
     */
    public static boolean equals(byte[] a, byte[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return MessageDigest.isEqual(a, b);
    }

    /**
     * Compares the UTF-8 encodings of {@code a} and {@code b} with {@link #equals(byte[], byte[])}.
     *
     * @param a the first string
     * @param b the second string
     * @return {@code true} if both encode to the same UTF-8 bytes
     */
    public static boolean equals(String a, String b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
