package dev.missive.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC (RFC 2104) over SHA-256, JDK backend. */
public final class Hmac {

    private Hmac() {}

    /**
     * HMAC-SHA-256 of {@code data} under {@code key} (any length, including empty).
     *
     * @param key the MAC key; keys longer than the 64-byte block are hashed first, as RFC 2104 says
     * @param data the authenticated bytes
     * @return the 32-byte MAC
     */
    public static byte[] sha256(byte[] key, byte[] data) {
        Objects.requireNonNull(data, "data");
        return sha256Mac(key).doFinal(data);
    }

    static Mac sha256Mac(byte[] key) {
        Objects.requireNonNull(key, "key");
        // HMAC zero-pads short keys to the block size, so an empty key is the one-zero-byte key;
        // SecretKeySpec refuses empty keys.
        byte[] effectiveKey = key.length == 0 ? new byte[1] : key;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(effectiveKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides HmacSHA256", e);
        }
    }
}
