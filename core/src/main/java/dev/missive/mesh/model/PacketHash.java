package dev.missive.mesh.model;

import java.util.Objects;

/**
 * A packet's {@code hash}: 64 lower-case hex digits of a SHA-256 ({@code docs/mesh.md}, "Hash").
 * Ordered by its text, which is the order sync pages follow.
 *
 * @param hex the 64 lower-case hex digits
 */
public record PacketHash(String hex) implements Comparable<PacketHash> {

    /** Number of hex digits. */
    public static final int LENGTH = 64;

    /**
     * Checks the digits.
     *
     * @throws IllegalArgumentException if {@code hex} is not 64 lower-case hex digits
     */
    public PacketHash {
        Objects.requireNonNull(hex, "hex");
        if (!isValid(hex)) {
            throw new IllegalArgumentException("a packet hash is 64 lower-case hex digits");
        }
    }

    /**
     * Whether {@code text} is 64 lower-case hex digits.
     *
     * @param text the text to check
     * @return true if it is a well-formed hash
     */
    public static boolean isValid(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(PacketHash other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
