package dev.missive.smp.model;

import java.util.Arrays;
import java.util.Base64;

/**
 * A queue ID (recipient ID {@code RID} or sender ID {@code SID}): opaque random bytes chosen by the
 * server, shown on the wire in base64. An immutable value usable as a map key.
 */
public final class QueueId {

    private final byte[] bytes;
    private final int hash;

    private QueueId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /**
     * The ID with these bytes (copied).
     *
     * @param bytes the ID's bytes
     * @return the ID
     * @throws IllegalArgumentException if {@code bytes} is empty
     */
    public static QueueId of(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a queue ID is never empty");
        }
        return new QueueId(bytes.clone());
    }

    /**
     * The ID's bytes (a copy).
     *
     * @return a fresh copy of the bytes
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Number of bytes.
     *
     * @return the length in bytes
     */
    public int length() {
        return bytes.length;
    }

    /**
     * The ID as it appears on the wire: standard base64 with padding.
     *
     * @return the base64 text
     */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return base64();
    }
}
