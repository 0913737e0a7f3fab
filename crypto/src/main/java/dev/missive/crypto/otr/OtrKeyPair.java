package dev.missive.crypto.otr;

import dev.missive.crypto.KeyFormatException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;

/**
 * An OTR long-term key: DSA with a 1024-bit p and a 160-bit q, the only size OTR v2/v3 signatures
 * fit (20-byte r and s). Generated explicitly at that size because the JDK's default DSA size is
 * L=2048/N=224. The private half leaves only through {@link #revealPkcs8()}.
 */
public final class OtrKeyPair {

    /** Bits of the DSA modulus p. */
    public static final int P_BITS = 1024;

    /** Bits of the DSA subgroup order q. */
    public static final int Q_BITS = 160;

    private final DSAPrivateKey privateKey;
    private final DSAPublicKey publicKey;

    private OtrKeyPair(DSAPrivateKey privateKey, DSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Generates a DSA-1024/160 key pair (the JDK's precomputed 1024/160 domain parameters).
     *
     * @param random the randomness for the private key
     * @return the key pair
     */
    public static OtrKeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
            generator.initialize(P_BITS, random);
            KeyPair pair = generator.generateKeyPair();
            return of((DSAPrivateKey) pair.getPrivate(), (DSAPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DSA-1024 is not available", e);
        }
    }

    /**
     * Parses a DER PKCS#8 DSA private key and derives its public key (y = g^x mod p).
     *
     * @param pkcs8 the encoding
     * @return the key pair
     * @throws KeyFormatException if it is not a DSA-1024/160 private key
     */
    public static OtrKeyPair fromPkcs8(byte[] pkcs8) {
        Objects.requireNonNull(pkcs8, "pkcs8");
        try {
            KeyFactory factory = KeyFactory.getInstance("DSA");
            DSAPrivateKey priv = (DSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            var params = priv.getParams();
            var y = params.getG().modPow(priv.getX(), params.getP());
            DSAPublicKey pub = (DSAPublicKey) factory.generatePublic(
                    new java.security.spec.DSAPublicKeySpec(y, params.getP(), params.getQ(), params.getG()));
            return of(priv, pub);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyFormatException("not a DSA PKCS#8 private key");
        }
    }

    private static OtrKeyPair of(DSAPrivateKey priv, DSAPublicKey pub) {
        var params = pub.getParams();
        if (params.getP().bitLength() != P_BITS || params.getQ().bitLength() != Q_BITS) {
            throw new KeyFormatException("OTR needs a DSA key with a 1024-bit p and a 160-bit q");
        }
        return new OtrKeyPair(priv, pub);
    }

    /**
     * The public half.
     *
     * @return the DSA public key
     */
    public DSAPublicKey publicKey() {
        return publicKey;
    }

    /**
     * The private half as a JCA key, for the OTR adapter only.
     *
     * @return the DSA private key
     */
    public DSAPrivateKey revealPrivateKey() {
        return privateKey;
    }

    /**
     * The private key as DER PKCS#8, for storage.
     *
     * @return a fresh copy of the encoding
     */
    public byte[] revealPkcs8() {
        return privateKey.getEncoded();
    }

    /**
     * Never prints key material.
     *
     * @return a fixed description
     */
    @Override
    public String toString() {
        return "OtrKeyPair[DSA-1024/160]";
    }
}
