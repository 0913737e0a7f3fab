package dev.missive.crypto;

import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Inspection of encoded public keys whose algorithm is not known in advance. */
public final class PublicKeys {

    private PublicKeys() {}

    /**
     * The algorithm of a DER SubjectPublicKeyInfo, after checking the whole key parses as that
     * algorithm.
     *
     * @param spki the DER SubjectPublicKeyInfo
     * @return the key's algorithm
     * @throws KeyFormatException if the DER is invalid, the algorithm is not one of {@link
     *     KeyAlgorithm}, or the key itself is malformed
     */
    public static KeyAlgorithm algorithmOf(byte[] spki) {
        Objects.requireNonNull(spki, "spki");
        ASN1ObjectIdentifier oid = Der.spki(spki).getAlgorithm().getAlgorithm();
        if (oid.equals(Der.ED25519)) {
            Ed25519PublicKey.fromSpki(spki);
            return KeyAlgorithm.ED25519;
        }
        if (oid.equals(Der.X25519)) {
            X25519PublicKey.fromSpki(spki);
            return KeyAlgorithm.X25519;
        }
        if (oid.equals(Der.RSA)) {
            RsaPublicKey.fromSpki(spki);
            return KeyAlgorithm.RSA;
        }
        throw new KeyFormatException("unsupported public key algorithm");
    }
}
