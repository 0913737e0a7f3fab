package dev.missive.smp;

import dev.missive.crypto.CryptoException;
import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.Ed25519PublicKey;
import dev.missive.crypto.KeyAlgorithm;
import dev.missive.crypto.PublicKeys;
import dev.missive.crypto.RsaPss;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.spi.RandomSource;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/** See {@link SignatureScheme#standard()}. */
final class StandardSignatureScheme implements SignatureScheme {

    static final StandardSignatureScheme INSTANCE = new StandardSignatureScheme();

    /** Largest key accepted (an RSA-4096 SPKI is 550 bytes). */
    private static final int MAX_KEY_LENGTH = 1024;
    /** Most parsed keys kept. */
    private static final int VERIFIER_CACHE_LIMIT = 4096;

    private final ConcurrentHashMap<KeyId, Verifier> verifiers = new ConcurrentHashMap<>();

    private StandardSignatureScheme() {}

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
                    yield bits == 1024 || bits == 2048 || bits == 3072 || bits == 4096;
                }
                case X25519 -> false;
            };
        } catch (CryptoException e) {
            return false;
        }
    }

    @Override
    public boolean verify(byte[] publicKey, byte[] signedBytes, byte[] signature) {
        KeyId id = new KeyId(publicKey);
        Verifier verifier = verifiers.get(id);
        if (verifier == null) {
            verifier = parse(publicKey);
            if (verifiers.size() >= VERIFIER_CACHE_LIMIT) {
                verifiers.clear(); // crude but bounded; the keys in use come back at once
            }
            verifiers.put(id, verifier);
        }
        return verifier.verify(signedBytes, signature);
    }

    /** A parsed public key (parsing costs a tenth of a verification, and a queue's key is reused). */
    @FunctionalInterface
    private interface Verifier {
        boolean verify(byte[] signedBytes, byte[] signature);
    }

    private static Verifier parse(byte[] publicKey) {
        try {
            return switch (PublicKeys.algorithmOf(publicKey)) {
                case ED25519 -> Ed25519PublicKey.fromSpki(publicKey)::verify;
                case RSA -> {
                    RsaPublicKey key = RsaPublicKey.fromSpki(publicKey);
                    yield (signed, signature) -> RsaPss.verify(key, signed, signature);
                }
                case X25519 -> (signed, signature) -> false;
            };
        } catch (CryptoException e) {
            return (signed, signature) -> false;
        }
    }

    /** Key bytes as a map key. */
    private record KeyId(byte[] bytes) {
        KeyId {
            bytes = bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyId k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    @Override
    public byte[] dummyKey(byte[] signature) {
        return switch (signature.length) {
            case 384 -> DummyKeys.RSA_3072;
            case 512 -> DummyKeys.RSA_4096;
            case 256 -> DummyKeys.RSA_2048;
            case 128 -> DummyKeys.RSA_1024;
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
