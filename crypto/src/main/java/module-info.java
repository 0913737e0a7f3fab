/**
 * Cryptographic primitives and encodings for Missive: Ed25519, X25519, NaCl secretbox and box,
 * XChaCha20-Poly1305, AES-GCM, RSA (OAEP, PSS, PKCS#1 v1.5), HPKE, SHA-256, HMAC, HKDF, constant-time
 * comparison, and strict hex/base64/PEM codecs. No protocol knowledge lives here.
 */
module dev.missive.crypto {
    requires org.bouncycastle.provider;
    requires com.google.crypto.tink;
    requires org.otr4j;

    exports dev.missive.crypto;
    exports dev.missive.crypto.otr;
}
