package dev.missive.osms.spi;

import dev.missive.osms.model.OtrPublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * The server's OTR long-term key as stored: the DSA private key as PKCS#8 (a secret: it leaves only
 * through {@link #revealPkcs8()}), its public key and when it was made.
 */
public final class ServerKeyRecord {

    private final byte[] pkcs8;
    private final OtrPublicKey publicKey;
    private final Instant createdAt;

    /**
     * Creates the record.
     *
     * @param pkcs8     the private key, DER PKCS#8 (copied)
     * @param publicKey its public key
     * @param createdAt when it was generated
     */
    public ServerKeyRecord(byte[] pkcs8, OtrPublicKey publicKey, Instant createdAt) {
        this.pkcs8 = Objects.requireNonNull(pkcs8, "pkcs8").clone();
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * The private key.
     *
     * @return a fresh copy of the PKCS#8 encoding
     */
    public byte[] revealPkcs8() {
        return pkcs8.clone();
    }

    /**
     * The public key.
     *
     * @return the key
     */
    public OtrPublicKey publicKey() {
        return publicKey;
    }

    /**
     * When the key was generated.
     *
     * @return the instant
     */
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "ServerKeyRecord[" + publicKey.fingerprintHex() + ", " + createdAt + "]";
    }
}
