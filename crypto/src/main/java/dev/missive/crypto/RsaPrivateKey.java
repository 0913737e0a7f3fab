package dev.missive.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;

/**
 * An RSA private key with its CRT parameters (JDK backend). Immutable; {@link #toString()} is
 * redacted; equality is identity.
 */
public final class RsaPrivateKey {

    /** Smallest modulus {@link #generate} produces. */
    public static final int MIN_GENERATED_BITS = 2048;

    private final RSAPrivateCrtKey key;
    private final RsaPublicKey publicKey;

    private RsaPrivateKey(RSAPrivateCrtKey key, RsaPublicKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    /**
     * Parses DER PKCS#8 with the rsaEncryption algorithm. The key must carry its public exponent and
     * CRT parameters (as every common tool writes it).
     *
     * @param pkcs8 the DER PKCS#8 encoding
     * @return the private key
     * @throws KeyFormatException if the DER, algorithm, parameters or modulus size are wrong
     */
    public static RsaPrivateKey fromPkcs8(byte[] pkcs8) {
        Objects.requireNonNull(pkcs8, "pkcs8");
        Der.requireAlgorithmWithNullParameters(Der.pkcs8(pkcs8).getPrivateKeyAlgorithm(), Der.RSA);
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            if (!(factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey crt)) {
                throw new KeyFormatException("RSA private key lacks its CRT parameters");
            }
            RSAPublicKey pub = (RSAPublicKey)
                    factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new RsaPrivateKey(crt, RsaPublicKey.of(pub));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof KeyFormatException kfe) {
                throw kfe;
            }
            throw new KeyFormatException("not a valid RSA private key");
        }
    }

    /**
     * Generates a key pair with public exponent 65537.
     *
     * @param bits the modulus size in bits, e.g. 2048 or 3072
     * @param random the source of randomness for the primes
     * @return the new private key and its public key
     * @throws IllegalArgumentException if {@code bits} is below {@value #MIN_GENERATED_BITS} or above
     *     {@link RsaPublicKey#MAX_MODULUS_BITS}
     */
    public static RsaKeyPair generate(int bits, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        if (bits < MIN_GENERATED_BITS || bits > RsaPublicKey.MAX_MODULUS_BITS) {
            throw new IllegalArgumentException(
                    "RSA key size must be " + MIN_GENERATED_BITS + ".." + RsaPublicKey.MAX_MODULUS_BITS + " bits");
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            KeyPair pair = generator.generateKeyPair();
            RsaPublicKey publicKey = RsaPublicKey.of((RSAPublicKey) pair.getPublic());
            return new RsaKeyPair(new RsaPrivateKey((RSAPrivateCrtKey) pair.getPrivate(), publicKey), publicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides RSA key generation", e);
        }
    }

    /**
     * A copy of the key as DER PKCS#8, as {@link #fromPkcs8} takes it. The only way to get secret
     * bytes out of this key; handle them with care.
     *
     * @return a fresh DER PKCS#8 encoding of this key
     */
    public byte[] revealPkcs8() {
        return key.getEncoded();
    }

    /**
     * The matching public key.
     *
     * @return the public key with this key's modulus and public exponent
     */
    public RsaPublicKey publicKey() {
        return publicKey;
    }

    RSAPrivateCrtKey jdkKey() {
        return key;
    }

    @Override
    public String toString() {
        return "RsaPrivateKey[" + publicKey.modulusBits() + " bits, secret redacted]";
    }
}
