package dev.missive.mesh.wire;

import dev.missive.crypto.AesGcm;
import dev.missive.crypto.AuthenticationException;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaOaep;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.crypto.SymmetricKey;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.spi.RandomSource;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Every byte string the mesh hashes, signs or encrypts ({@code docs/mesh.md}, "Cryptography"): the
 * envelope's associated data, sealing and opening, the signature input, the packet hash, the
 * request signing string and the server-entry signing string. Pure functions; randomness comes
 * from the caller.
 */
public final class MeshCrypto {

    /** Prefix of the envelope associated data. */
    public static final String ENVELOPE_LABEL = "missive-mesh/v1 envelope";
    /** Prefix of the packet signature input. */
    public static final String SIGNATURE_LABEL = "missive-mesh/v1 signature";
    /** Prefix of the packet hash input. */
    public static final String HASH_LABEL = "missive-mesh/v1 hash";
    /** First line of the request signing string. */
    public static final String REQUEST_LABEL = "missive-mesh/v1 request";
    /** First line of the server-entry signing string. */
    public static final String SERVER_ENTRY_LABEL = "missive-mesh/v1 server-entry";

    private MeshCrypto() {}

    /**
     * The GCM associated data: {@code ENVELOPE_LABEL ‖ 0x00 ‖ field tag ‖ version ‖ created_at ‖
     * SHA-256(recipient SPKI DER)}.
     *
     * @param field the envelope field being sealed or opened
     * @param envelope the envelope whose version and created_at are bound
     * @param recipientSpki the recipient's public key as SPKI DER
     * @return the associated data bytes
     */
    public static byte[] associatedData(EnvelopeField field, Envelope envelope, byte[] recipientSpki) {
        return associatedData(field, envelope.versionAndTime(), recipientSpki);
    }

    private static byte[] associatedData(EnvelopeField field, byte[] versionAndTime, byte[] recipientSpki) {
        byte[] label = ascii(ENVELOPE_LABEL);
        return ByteBuffer.allocate(label.length + 2 + versionAndTime.length + Digests.SHA256_LENGTH)
                .put(label)
                .put((byte) 0)
                .put((byte) field.tag())
                .put(versionAndTime)
                .put(Digests.sha256(recipientSpki))
                .array();
    }

    /**
     * Encrypts {@code plaintext} to {@code recipient}: a fresh AES-256 key and IV from {@code random},
     * the key wrapped with RSA-OAEP.
     *
     * @param field the envelope field, bound into the associated data
     * @param recipient the key the content key is wrapped to
     * @param createdAt when the envelope is made, stored in it and bound into the associated data
     * @param plaintext the bytes to encrypt
     * @param random the source of the content key and IV
     * @return the sealed envelope
     */
    public static Envelope seal(
            EnvelopeField field, RsaPublicKey recipient, Instant createdAt, byte[] plaintext, RandomSource random) {
        Objects.requireNonNull(random, "random");
        Instant millis = Instant.ofEpochMilli(createdAt.toEpochMilli());
        byte[] keyBytes = random.bytes(SymmetricKey.LENGTH);
        byte[] iv = random.bytes(Envelope.IV_LENGTH);
        SymmetricKey key = SymmetricKey.of(keyBytes);
        byte[] wrapped = RsaOaep.encrypt(recipient, keyBytes);
        java.util.Arrays.fill(keyBytes, (byte) 0);
        byte[] versionAndTime = ByteBuffer.allocate(9)
                .put((byte) Envelope.VERSION)
                .putLong(millis.toEpochMilli())
                .array();
        byte[] sealed = AesGcm.seal(key, iv, associatedData(field, versionAndTime, recipient.spki()), plaintext);
        return new Envelope(millis, wrapped, iv, sealed);
    }

    /**
     * Decrypts an envelope addressed to {@code own}'s public key.
     *
     * @throws AuthenticationException if the key does not unwrap or the tag does not verify (wrong
     *     recipient, wrong field, tampered bytes)
     * @param field the envelope field the envelope was sealed as
     * @param own the recipient's private key
     * @param envelope the envelope to open
     * @return the plaintext
     */
    public static byte[] open(EnvelopeField field, RsaPrivateKey own, Envelope envelope) {
        byte[] keyBytes = RsaOaep.decrypt(own, envelope.wrappedKey());
        if (keyBytes.length != SymmetricKey.LENGTH) {
            throw new AuthenticationException("wrapped key is not 32 bytes");
        }
        SymmetricKey key = SymmetricKey.of(keyBytes);
        java.util.Arrays.fill(keyBytes, (byte) 0);
        return AesGcm.open(
                key,
                envelope.iv(),
                associatedData(field, envelope, own.publicKey().spki()),
                envelope.ciphertext());
    }

    /**
     * What the sender signs: {@code SIGNATURE_LABEL ‖ 0x00 ‖ SHA-256(recipient SPKI DER) ‖ message
     * envelope bytes}.
     *
     * @param recipientSpki the recipient's public key as SPKI DER
     * @param messageEnvelope the encoded message envelope bytes
     * @return the bytes to sign
     */
    public static byte[] signatureInput(byte[] recipientSpki, byte[] messageEnvelope) {
        byte[] label = ascii(SIGNATURE_LABEL);
        return ByteBuffer.allocate(label.length + 1 + Digests.SHA256_LENGTH + messageEnvelope.length)
                .put(label)
                .put((byte) 0)
                .put(Digests.sha256(recipientSpki))
                .put(messageEnvelope)
                .array();
    }

    /**
     * The J2 packet hash: lower-case hex SHA-256 of {@code HASH_LABEL ‖ 0x00 ‖} then, for
     * {@code recipient}, {@code message} and {@code signature} in that order, the 4-byte big-endian
     * length of the field's UTF-8 bytes followed by those bytes.
     *
     * @param recipient the recipient member as sent
     * @param message the message member (base64 envelope) as sent
     * @param signature the signature member as sent
     * @return the packet hash
     */
    public static PacketHash packetHash(String recipient, String message, String signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(HASH_LABEL));
        out.write(0);
        for (String field : new String[] {recipient, message, signature}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return new PacketHash(Encodings.hex(Digests.sha256(out.toByteArray())));
    }

    /**
     * The J1 packet hash (what server-node's clients send): lower-case hex SHA-256 of {@code message}'s UTF-8.
     *
     * @param message the message member as sent
     * @return the packet hash
     */
    public static PacketHash j1Hash(String message) {
        return new PacketHash(Encodings.hex(Digests.sha256(message.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * The digest of a hash list in a signed request: lower-case hex SHA-256 of the distinct hashes,
     * sorted ascending, joined by LF (no trailing LF). An empty list digests the empty string.
     *
     * @param hashes the hashes; duplicates count once and order does not matter
     * @return the digest as 64 lower-case hex characters
     */
    public static String hashListDigest(Collection<PacketHash> hashes) {
        TreeSet<String> sorted = new TreeSet<>();
        hashes.forEach(hash -> sorted.add(hash.hex()));
        return Encodings.hex(Digests.sha256(String.join("\n", sorted).getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * The UTF-8 string a request signature covers: seven lines joined by LF, no trailing LF:
     * {@code REQUEST_LABEL}, {@code purpose=}, {@code audience=}, {@code recipient=},
     * {@code timestamp=} (unix ms, decimal), {@code nonce=}, {@code hashes=} (the hash-list digest).
     *
     * @param request the request whose signed fields are written
     * @return the UTF-8 bytes to sign or verify
     */
    public static byte[] requestSigningString(SignedRequest request) {
        String text = REQUEST_LABEL
                + "\npurpose=" + request.purpose().label()
                + "\naudience=" + request.audience()
                + "\nrecipient=" + request.signer()
                + "\ntimestamp=" + request.timestamp().toEpochMilli()
                + "\nnonce=" + request.nonce()
                + "\nhashes=" + hashListDigest(request.hashes());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 string a server entry's signature covers: {@code SERVER_ENTRY_LABEL}, {@code url=},
     * {@code key=}, {@code signed_at=} (unix ms) joined by LF, no trailing LF.
     *
     * @param url the server's URL
     * @param key the server's public key in its base64 SPKI wire form
     * @param signedAt when the entry was signed
     * @return the UTF-8 bytes to sign or verify
     */
    public static byte[] serverEntrySigningString(String url, String key, Instant signedAt) {
        String text = SERVER_ENTRY_LABEL + "\nurl=" + url + "\nkey=" + key + "\nsigned_at=" + signedAt.toEpochMilli();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a base64 SPKI RSA public key whose modulus has {@code minBits} to {@code maxBits} bits.
     *
     * @throws MeshWireException ({@link MeshError#BAD_KEY}) otherwise
     * @param base64 the key as base64 SPKI DER
     * @param minBits the smallest modulus size allowed, in bits
     * @param maxBits the largest modulus size allowed, in bits
     * @return the parsed key
     */
    public static RsaPublicKey publicKey(String base64, int minBits, int maxBits) throws MeshWireException {
        RsaPublicKey key;
        try {
            key = RsaPublicKey.fromSpki(Encodings.fromBase64(base64));
        } catch (RuntimeException e) {
            throw new MeshWireException(MeshError.BAD_KEY, "not a base64 SPKI RSA public key");
        }
        if (key.modulusBits() < minBits || key.modulusBits() > maxBits) {
            throw new MeshWireException(MeshError.BAD_KEY, "RSA key size not accepted");
        }
        return key;
    }

    /**
     * The base64 SPKI DER of {@code key}: its wire form.
     *
     * @param key the key to encode
     * @return the key as base64 SPKI DER
     */
    public static String encodeKey(RsaPublicKey key) {
        return Encodings.base64(key.spki());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
