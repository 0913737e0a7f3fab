package dev.missive.smp;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A key of the standard scheme, Ed25519 or RSA alike: the two differ only in how they sign. Its
 * {@code toString} names the algorithm and never the secret.
 */
final class StandardSigningKey implements SigningKey {

    private final String algorithm;
    private final byte[] spki;
    private final UnaryOperator<byte[]> signer;
    private final Supplier<byte[]> pkcs8;

    StandardSigningKey(String algorithm, byte[] spki, UnaryOperator<byte[]> signer, Supplier<byte[]> pkcs8) {
        this.algorithm = algorithm;
        this.spki = spki.clone();
        this.signer = signer;
        this.pkcs8 = pkcs8;
    }

    @Override
    public byte[] publicKey() {
        return spki.clone();
    }

    @Override
    public byte[] sign(byte[] signedBytes) {
        return signer.apply(signedBytes);
    }

    @Override
    public byte[] revealPkcs8() {
        return pkcs8.get();
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", secret redacted]";
    }
}
