package dev.missive.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Message digests (JDK backend). */
public final class Digests {

    /** Length of a SHA-256 digest in bytes. */
    public static final int SHA256_LENGTH = 32;

    private Digests() {}

    /**
     * SHA-256 of {@code data}.
     *
     * @param data the bytes to hash (may be empty)
     * @return the 32-byte digest
     */
    public static byte[] sha256(byte[] data) {
        return sha256Digest().digest(data);
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
