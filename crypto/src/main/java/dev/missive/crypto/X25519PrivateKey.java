package dev.missive.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An X25519 private key (RFC 7748 scalar, clamped when used), Bouncy Castle backend. Immutable;
 * {@link #toString()} is redacted; equality is identity.
 */
public final class X25519PrivateKey {

    /** Length of the raw key. */
    public static final int LENGTH = 32;
    /** Length of the shared secret. */
    public static final int SHARED_SECRET_LENGTH = 32;

    private final byte[] raw;
    private final X25519PublicKey publicKey;

    private X25519PrivateKey(byte[] raw) {
        this.raw = raw;
        byte[] publicRaw = new byte[X25519PublicKey.LENGTH];
        X25519.generatePublicKey(raw, 0, publicRaw, 0);
        this.publicKey = X25519PublicKey.fromRaw(publicRaw);
    }

    /**
     * Wraps a copy of a raw 32-byte private key.
     *
     * @param raw the 32-byte scalar (clamped when used, as RFC 7748 says)
     * @return the private key
     * @throws KeyFormatException if the length is wrong
     */
    public static X25519PrivateKey fromRaw(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH) {
            throw new KeyFormatException("X25519 private key must be " + LENGTH + " bytes, got " + raw.length);
        }
        return new X25519PrivateKey(raw.clone());
    }

    /**
     * A fresh key from {@code random}.
     *
     * @param random the source of the 32 key bytes
     * @return a new private key
     */
    public static X25519PrivateKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] raw = new byte[LENGTH];
        X25519.generatePrivateKey(random, raw);
        return new X25519PrivateKey(raw);
    }

    /**
     * The matching public key.
     *
     * @return the X25519 public key of this scalar
     */
    public X25519PublicKey publicKey() {
        return publicKey;
    }

    /**
     * A copy of the raw 32-byte scalar, as {@link #fromRaw} takes it. The only way to get secret
     * bytes out of this key; handle them with care.
     *
     * @return a fresh copy of the 32-byte scalar
     */
    public byte[] revealSecret() {
        return raw.clone();
    }

    /**
     * The X25519 shared secret with {@code peer} (RFC 7748 §6.1).
     *
     * @param peer the other party's public key
     * @return the 32-byte shared secret; hash it (e.g. with {@link Hkdf}) before using it as a key
     * @throws KeyFormatException if the result is all zero, i.e. {@code peer} is a low-order point
     */
    public byte[] agree(X25519PublicKey peer) {
        Objects.requireNonNull(peer, "peer");
        byte[] shared = new byte[SHARED_SECRET_LENGTH];
        if (!X25519.calculateAgreement(raw, 0, peer.rawUnsafe(), 0, shared, 0)) {
            throw new KeyFormatException("X25519 agreement produced the all-zero secret (low-order public key)");
        }
        return shared;
    }

    @Override
    public String toString() {
        return "X25519PrivateKey[public=" + Encodings.hex(publicKey.rawUnsafe()) + ", secret redacted]";
    }
}
