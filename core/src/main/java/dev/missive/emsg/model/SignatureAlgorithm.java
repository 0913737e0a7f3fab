package dev.missive.emsg.model;

/** The signature algorithms of EMSG ({@code docs/emsg.md}, "Signatures"). */
public enum SignatureAlgorithm {
    /** Ed25519 (RFC 8032), 32-byte raw public keys, 64-byte signatures: the default. */
    ED25519("ed25519"),
    /** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017), SPKI DER public keys of 2048 bits or more. */
    RSA_SHA256("rsa-sha256");

    private final String wireName;

    SignatureAlgorithm(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name in a signature's {@code alg} member.
     *
     * @return the algorithm's wire name
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Reads an {@code alg} value.
     *
     * @param text {@code ed25519} or {@code rsa-sha256}
     * @return the algorithm
     * @throws IllegalArgumentException if the name is unknown
     */
    public static SignatureAlgorithm fromWire(String text) {
        for (SignatureAlgorithm alg : values()) {
            if (alg.wireName.equals(text)) {
                return alg;
            }
        }
        throw new IllegalArgumentException("unknown signature algorithm");
    }
}
