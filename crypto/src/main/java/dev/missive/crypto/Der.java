package dev.missive.crypto;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Strict DER for SubjectPublicKeyInfo (RFC 5280) and PKCS#8 PrivateKeyInfo (RFC 5208/5958) using
 * Bouncy Castle's ASN.1 parser: the input must be exactly one DER object that re-encodes to itself
 * (no BER, no trailing bytes). Every parser failure becomes a {@link KeyFormatException}.
 */
final class Der {

    static final ASN1ObjectIdentifier X25519 = new ASN1ObjectIdentifier("1.3.101.110");
    static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
    static final ASN1ObjectIdentifier RSA = PKCSObjectIdentifiers.rsaEncryption;

    private Der() {}

    static SubjectPublicKeyInfo spki(byte[] der) {
        try {
            return SubjectPublicKeyInfo.getInstance(strict(der, "SubjectPublicKeyInfo"));
        } catch (KeyFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyFormatException("not a valid SubjectPublicKeyInfo");
        }
    }

    static PrivateKeyInfo pkcs8(byte[] der) {
        try {
            return PrivateKeyInfo.getInstance(strict(der, "PKCS#8 PrivateKeyInfo"));
        } catch (KeyFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KeyFormatException("not a valid PKCS#8 PrivateKeyInfo");
        }
    }

    private static ASN1Primitive strict(byte[] der, String what) {
        ASN1Primitive parsed;
        try {
            parsed = ASN1Primitive.fromByteArray(der);
            if (parsed == null || !Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), der)) {
                throw new KeyFormatException(what + " is not DER");
            }
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException(what + " is not DER");
        }
        return parsed;
    }

    /** The raw key of an X25519/Ed25519 SPKI (RFC 8410): absent parameters, whole-byte bit string. */
    static byte[] curveRawKey(SubjectPublicKeyInfo info, ASN1ObjectIdentifier algorithm, int length) {
        requireAlgorithm(info.getAlgorithm(), algorithm);
        ASN1BitString bits = info.getPublicKeyData();
        if (bits.getPadBits() != 0 || bits.getOctets().length != length) {
            throw new KeyFormatException("public key has the wrong length");
        }
        return bits.getOctets();
    }

    /**
     * The keys inside an X25519/Ed25519 PKCS#8 (RFC 8410).
     *
     * @param privateKey the raw private key
     * @param publicKey the RFC 5958 embedded public key, or null when absent
     */
    record CurveKeys(byte[] privateKey, byte[] publicKey) {}

    /**
     * The raw private key of an X25519/Ed25519 PKCS#8 (an OCTET STRING inside the privateKey OCTET
     * STRING) and its optional embedded public key, which the caller must check.
     */
    static CurveKeys curvePrivateKey(PrivateKeyInfo info, ASN1ObjectIdentifier algorithm, int length) {
        requireAlgorithm(info.getPrivateKeyAlgorithm(), algorithm);
        ASN1Encodable inner;
        try {
            inner = info.parsePrivateKey();
        } catch (IOException | RuntimeException e) {
            throw new KeyFormatException("private key is malformed");
        }
        if (!(inner instanceof ASN1OctetString octets) || octets.getOctets().length != length) {
            throw new KeyFormatException("private key has the wrong length");
        }
        ASN1BitString publicKey = info.getPublicKeyData();
        if (publicKey != null && publicKey.getPadBits() != 0) {
            throw new KeyFormatException("embedded public key is malformed");
        }
        return new CurveKeys(octets.getOctets(), publicKey == null ? null : publicKey.getOctets());
    }

    static void requireAlgorithm(AlgorithmIdentifier identifier, ASN1ObjectIdentifier algorithm) {
        if (!identifier.getAlgorithm().equals(algorithm) || identifier.getParameters() != null) {
            throw new KeyFormatException("key is not of the expected algorithm");
        }
    }

    /** RSA's AlgorithmIdentifier must carry NULL parameters (RFC 3279 §2.3.1). */
    static void requireAlgorithmWithNullParameters(AlgorithmIdentifier identifier, ASN1ObjectIdentifier algorithm) {
        if (!identifier.getAlgorithm().equals(algorithm) || !DERNull.INSTANCE.equals(identifier.getParameters())) {
            throw new KeyFormatException("key is not of the expected algorithm");
        }
    }

    static byte[] curveSpki(ASN1ObjectIdentifier algorithm, byte[] raw) {
        return encode(new SubjectPublicKeyInfo(new AlgorithmIdentifier(algorithm), raw));
    }

    static byte[] curvePkcs8(ASN1ObjectIdentifier algorithm, byte[] raw) {
        try {
            return encode(new PrivateKeyInfo(new AlgorithmIdentifier(algorithm), new DEROctetString(raw)));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a fixed structure cannot fail", e);
        }
    }

    private static byte[] encode(org.bouncycastle.asn1.ASN1Object object) {
        try {
            return object.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a fixed structure cannot fail", e);
        }
    }
}
