package dev.missive.smp;

import dev.missive.crypto.CryptoException;
import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.Ed25519PublicKey;
import dev.missive.crypto.KeyAlgorithm;
import dev.missive.crypto.PublicKeys;
import dev.missive.crypto.RsaPss;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.spi.RandomSource;

/** See {@link SignatureScheme#standard()}. */
final class StandardSignatureScheme implements SignatureScheme {

    static final StandardSignatureScheme INSTANCE = new StandardSignatureScheme();

    /** Largest key accepted (an RSA-4096 SPKI is 550 bytes). */
    private static final int MAX_KEY_LENGTH = 1024;

    private StandardSignatureScheme() {
    }

    @Override
    public boolean acceptsKey(byte[] publicKey) {
        if (publicKey.length > MAX_KEY_LENGTH) {
            return false;
        }
        try {
            return switch (PublicKeys.algorithmOf(publicKey)) {
                case ED25519 -> Ed25519PublicKey.fromSpki(publicKey) != null;
                case RSA -> {
                    int bits = RsaPublicKey.fromSpki(publicKey).modulusBits();
                    yield bits == 2048 || bits == 3072 || bits == 4096;
                }
                case X25519 -> false;
            };
        } catch (CryptoException e) {
            return false;
        }
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] signedBytes, byte[] signature) {
        try {
            KeyAlgorithm algorithm = PublicKeys.algorithmOf(publicKey);
            return switch (algorithm) {
                case ED25519 -> Ed25519PublicKey.fromSpki(publicKey).verify(signedBytes, signature);
                case RSA -> RsaPss.verify(RsaPublicKey.fromSpki(publicKey), signedBytes, signature);
                case X25519 -> false;
            };
        } catch (CryptoException e) {
            return false;
        }
    }

    @Override
    public byte[] dummyKey(byte[] signature) {
        return switch (signature.length) {
            case 384 -> DummyKeys.RSA_3072;
            case 512 -> DummyKeys.RSA_4096;
            case 256 -> DummyKeys.RSA_2048;
            default -> DummyKeys.ED25519;
        };
    }

    @Override
    public byte[] dummySignature(byte[] publicKey) {
        try {
            if (PublicKeys.algorithmOf(publicKey) == KeyAlgorithm.RSA) {
                return new byte[(RsaPublicKey.fromSpki(publicKey).modulusBits() + 7) / 8];
            }
        } catch (CryptoException e) {
            // fall through: an Ed25519-sized value
        }
        return new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
    }

    @Override
    public SigningKey generateKey(RandomSource random) {
        return SigningKey.ed25519(Ed25519PrivateKey.fromSeed(random.bytes(Ed25519PrivateKey.SEED_LENGTH)));
    }

    @Override
    public String toString() {
        return "SignatureScheme[standard: RSA-PSS-SHA256 / Ed25519, SPKI keys]";
    }
}
