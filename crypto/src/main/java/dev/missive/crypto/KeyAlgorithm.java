package dev.missive.crypto;

/** Public-key algorithms this module can parse from a SubjectPublicKeyInfo. */
public enum KeyAlgorithm {
    /** Ed25519 signatures (RFC 8410 id-Ed25519). */
    ED25519,
    /** X25519 key agreement (RFC 8410 id-X25519). */
    X25519,
    /** RSA (PKCS#1 rsaEncryption). */
    RSA
}
