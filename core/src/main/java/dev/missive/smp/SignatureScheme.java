package dev.missive.smp;

import dev.missive.spi.RandomSource;

/**
 * How queue keys are encoded and transmissions are signed. The server uses it to accept keys in
 * {@code CONN}/{@code KEY} and to verify signatures; the client uses it to make keys. The
 * {@linkplain #standard() standard scheme} is the SDK's choice for the seed dialect; tests plug in
 * others (e.g. the 2020 reference server's byte comparison).
 */
public interface SignatureScheme {

    /**
     * Whether {@code publicKey} is a key this scheme verifies with (checked at {@code CONN} and
     * {@code KEY}).
     *
     * @param publicKey the encoded key a client sent
     * @return {@code true} if commands signed with this key can be verified
     */
    boolean acceptsKey(byte[] publicKey);

    /**
     * Whether {@code signature} is valid for {@code signedBytes} under {@code publicKey}. Returns
     * false for any malformed input; never throws.
     *
     * @param publicKey the encoded key of the queue's recipient or sender
     * @param signedBytes the bytes the signature covers
     * @param signature the signature from the transmission
     * @return {@code true} only for a valid signature
     */
    boolean verify(byte[] publicKey, byte[] signedBytes, byte[] signature);

    /**
     * A key of the type {@code signature} suggests, belonging to no queue: the server verifies
     * against it when a command must fail with {@code ERR AUTH} but has no real key, so that every
     * {@code ERR AUTH} path does the same kind of work.
     *
     * @param signature the signature of the transmission that fails
     * @return an encoded public key of a matching type and size
     */
    byte[] dummyKey(byte[] signature);

    /**
     * A signature-shaped value for {@code publicKey}, verified (and failing) when a secured queue
     * receives an unsigned {@code SEND}, for the same reason as {@link #dummyKey}.
     *
     * @param publicKey the sender key the queue was secured with
     * @return bytes shaped like a signature by {@code publicKey}'s type
     */
    byte[] dummySignature(byte[] publicKey);

    /**
     * Makes a fresh key pair from {@code random}.
     *
     * @param random the source of key material
     * @return a new key of this scheme
     */
    SigningKey generateKey(RandomSource random);

    /**
     * The SDK's scheme: keys are X.509 SubjectPublicKeyInfo DER; an RSA key (1024, 2048, 3072 or 4096
     * bits) means RSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt; an Ed25519 key means
     * Ed25519. New keys are Ed25519.
     *
     * @return the standard scheme
     */
    static SignatureScheme standard() {
        return StandardSignatureScheme.INSTANCE;
    }
}
