package dev.missive.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret value held as opaque bytes: a pass code, an auth code, a shared key in its wire text.
 * It never prints ({@link #toString} is redacted), it is compared in constant time
 * ({@link #equals}, {@link #matches}), and its content leaves only through {@link #reveal} or
 * {@link #revealText}, so every place that handles the secret itself is easy to find.
 *
 * <p>Immutable; the bytes are copied in and out. The length is not treated as secret.
 */
public final class Secret {

    private final byte[] bytes;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A secret holding a copy of {@code bytes}.
     *
     * @param bytes the secret bytes; copied, so the caller may wipe its array afterwards
     * @return the secret
     */
    public static Secret of(byte[] bytes) {
        return new Secret(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /**
     * A secret holding the UTF-8 encoding of {@code text} (e.g. a hex auth code or a pass code).
     *
     * @param text the secret text
     * @return the secret
     */
    public static Secret ofText(String text) {
        return new Secret(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A copy of the secret bytes.
     *
     * @return a fresh copy, which the caller owns and may wipe
     */
    public byte[] reveal() {
        return bytes.clone();
    }

    /**
     * The secret bytes decoded as UTF-8: the inverse of {@link #ofText}.
     *
     * @return the secret as text
     */
    public String revealText() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The number of secret bytes.
     *
     * @return the length in bytes
     */
    public int length() {
        return bytes.length;
    }

    /**
     * True iff {@code candidate} holds the same bytes; the time depends only on the lengths.
     *
     * @param candidate the secret to compare with
     * @return {@code true} if both hold the same bytes
     */
    public boolean matches(Secret candidate) {
        return ConstantTime.equals(bytes, Objects.requireNonNull(candidate, "candidate").bytes);
    }

    /**
     * True iff the UTF-8 encoding of {@code candidate} equals this secret, in constant time.
     *
     * @param candidate the text to compare with, e.g. a pass code received from a peer
     * @return {@code true} if the text's UTF-8 encoding equals the secret bytes
     */
    public boolean matchesText(String candidate) {
        return ConstantTime.equals(
                bytes, Objects.requireNonNull(candidate, "candidate").getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time equality with another {@code Secret}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && matches(secret);
    }

    /** Depends on the length only, so a hash table never learns the content. */
    @Override
    public int hashCode() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
