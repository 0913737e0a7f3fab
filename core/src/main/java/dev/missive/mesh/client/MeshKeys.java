package dev.missive.mesh.client;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.mesh.MeshException;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.wire.MeshCrypto;
import java.util.Objects;

/**
 * The text forms of mesh keys, for key files and command lines: a private key as PKCS#8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}), a public key as base64 SPKI DER (its wire form). The same
 * format serves users and servers. Pure: reading and writing files is the host's business.
 */
public final class MeshKeys {

    /** The PEM label of a private key file. */
    public static final String PRIVATE_KEY_LABEL = "PRIVATE KEY";

    private MeshKeys() {}

    /**
     * {@code key} as PKCS#8 PEM. The text holds the secret key: write it where only its owner reads.
     *
     * @param key the private key
     * @return the PEM text, with {@code BEGIN PRIVATE KEY} armor
     */
    public static String toPem(RsaPrivateKey key) {
        Objects.requireNonNull(key, "key");
        return Encodings.pem(PRIVATE_KEY_LABEL, key.revealPkcs8());
    }

    /**
     * Reads a PKCS#8 PEM private key.
     *
     * @throws MeshException ({@link MeshError#BAD_KEY}) if the text is not an RSA private key in PEM
     * @param pem the PEM text
     * @return the private key
     */
    public static RsaPrivateKey fromPem(String pem) throws MeshException {
        Objects.requireNonNull(pem, "pem");
        try {
            return RsaPrivateKey.fromPkcs8(Encodings.fromPem(PRIVATE_KEY_LABEL, pem));
        } catch (RuntimeException e) {
            throw new MeshException(MeshError.BAD_KEY, "not a PKCS#8 PEM RSA private key");
        }
    }

    /**
     * The public half of {@code key} in its wire form (base64 SPKI DER): the owner's address.
     *
     * @param key the private key
     * @return the public key as base64 SPKI DER
     */
    public static String publicKeyText(RsaPrivateKey key) {
        return MeshCrypto.encodeKey(key.publicKey());
    }
}
