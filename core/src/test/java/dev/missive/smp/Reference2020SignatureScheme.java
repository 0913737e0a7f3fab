package dev.missive.smp;

import dev.missive.crypto.ConstantTime;
import dev.missive.spi.RandomSource;

/**
 * <b>2020 compatibility scheme, for interop tests only: it provides no security.</b> The 2020
 * reference server (simplexmq {@code 480ff8690}) has no crypto: a "signature" is accepted when its
 * bytes equal the stored "key" bytes. With this scheme our client talks to that server, and our
 * server accepts the scripts written for it (e.g. {@code KEY abcd}, then sign with {@code abcd}).
 */
public final class Reference2020SignatureScheme implements SignatureScheme {

    @Override
    public boolean acceptsKey(byte[] publicKey) {
        return publicKey.length > 0;
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] signedBytes, byte[] signature) {
        return ConstantTime.equals(publicKey, signature);
    }

    @Override
    public byte[] dummyKey(byte[] signature) {
        return new byte[signature.length];
    }

    @Override
    public byte[] dummySignature(byte[] publicKey) {
        return new byte[publicKey.length];
    }

    /** A "key" of 16 random bytes whose signature is the key itself. */
    @Override
    public SigningKey generateKey(RandomSource random) {
        byte[] key = random.bytes(16);
        return new SigningKey() {
            @Override
            public byte[] publicKey() {
                return key.clone();
            }

            @Override
            public byte[] sign(byte[] signedBytes) {
                return key.clone();
            }

            @Override
            public String toString() {
                return "SigningKey[2020 reference password scheme]";
            }
        };
    }
}
