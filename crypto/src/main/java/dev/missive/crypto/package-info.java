/**
 * Cryptographic primitives and strict encodings, with no protocol knowledge: every protocol in
 * Missive reaches Bouncy Castle, Tink and the JDK only through these classes.
 *
 * <p><b>Where to start.</b> Keys are typed values created with {@code fromRaw}/{@code fromSeed},
 * {@code fromSpki}/{@code fromPkcs8} or {@code generate} ({@link dev.missive.crypto.Ed25519PrivateKey},
 * {@link dev.missive.crypto.X25519PrivateKey}, {@link dev.missive.crypto.RsaPrivateKey},
 * {@link dev.missive.crypto.SymmetricKey} and their public counterparts); operations are static
 * methods named after the construction ({@link dev.missive.crypto.XChaCha20Poly1305},
 * {@link dev.missive.crypto.SecretBox}, {@link dev.missive.crypto.NaclBox},
 * {@link dev.missive.crypto.Hpke}, {@link dev.missive.crypto.AesGcm}, {@link dev.missive.crypto.RsaOaep},
 * {@link dev.missive.crypto.RsaPss}, {@link dev.missive.crypto.Hkdf}, ...); text forms go through
 * {@link dev.missive.crypto.Encodings}. Pass codes and other secrets that are not keys are held as
 * {@link dev.missive.crypto.Secret}.
 *
 * <pre>{@code
 * SecureRandom random = new SecureRandom();
 * Ed25519PrivateKey signer = Ed25519PrivateKey.generate(random);
 * byte[] signature = signer.sign(message);
 * boolean valid = signer.publicKey().verify(message, signature);
 *
 * SymmetricKey key = SymmetricKey.generate(random);
 * byte[] nonce = new byte[24];
 * random.nextBytes(nonce);
 * byte[] sealed = XChaCha20Poly1305.seal(key, nonce, aad, message);
 * byte[] opened = XChaCha20Poly1305.open(key, nonce, aad, sealed); // AuthenticationException if altered
 * }</pre>
 *
 * <p><b>Conventions.</b> Arguments are never {@code null} (a {@code null} is a
 * {@link java.lang.NullPointerException}); byte arrays are copied in and out, so callers may wipe
 * theirs. Failures are the unchecked {@link dev.missive.crypto.CryptoException} family: a bad key
 * encoding is a {@link dev.missive.crypto.KeyFormatException}, bad text is an
 * {@link dev.missive.crypto.EncodingException}, and anything that fails to verify or decrypt is an
 * {@link dev.missive.crypto.AuthenticationException}; {@code verify} methods return {@code false}
 * instead of throwing. Private keys, symmetric keys and secrets never print their content ({@code toString} is
 * redacted) and give secret bytes out only through {@code reveal...} methods.
 */
package dev.missive.crypto;
