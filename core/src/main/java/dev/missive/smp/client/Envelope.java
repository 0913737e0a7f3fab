package dev.missive.smp.client;

import dev.missive.crypto.AuthenticationException;
import dev.missive.crypto.EncodingException;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.Hpke;
import dev.missive.crypto.X25519PrivateKey;
import dev.missive.crypto.X25519PublicKey;
import dev.missive.smp.model.QueueId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The end-to-end layer of a message body, which the server never sees in clear. Plaintext layout
 * ({@code docs/smp.md}, "Message body format"): {@code header LF content LF}, where {@code header} is printable ASCII: {@code KEY
 * <base64 SPKI of SK>} in the sender's first, unsigned confirmation, an application tag or empty
 * otherwise. The plaintext is sealed with HPKE (RFC 9180 base mode, DHKEM-X25519-HKDF-SHA256,
 * HKDF-SHA256, ChaCha20-Poly1305) to the recipient's key {@code EK}, with info
 * {@code "missive-smp-body-v1" 0x00 SID}, so a body cannot be replayed into another queue. The
 * body on the wire is {@code enc(32) ‖ ciphertext ‖ tag(16)}, sent as a binary {@code SEND}.
 *
 * @param header  the header line (printable ASCII, no LF)
 * @param content the application content (any bytes)
 */
public record Envelope(String header, byte[] content) {

    private static final byte[] INFO_PREFIX = "missive-smp-body-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final String KEY_PREFIX = "KEY ";

    /** Checks the components and keeps its own copies of the arrays. */
    public Envelope {
        Objects.requireNonNull(header, "header");
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("header must be printable ASCII");
            }
        }
        content = content.clone();
    }

    /**
     * An ordinary message (empty header).
     *
     * @param content the application message
     * @return the envelope
     */
    public static Envelope data(byte[] content) {
        return new Envelope("", content);
    }

    /**
     * The sender's confirmation carrying its public key {@code SK}.
     *
     * @param senderKey the encoded public key {@code SK} the recipient secures the queue with
     * @param content an application message sent with the confirmation (may be empty)
     * @return the envelope
     */
    public static Envelope confirmation(byte[] senderKey, byte[] content) {
        return new Envelope(KEY_PREFIX + Encodings.base64(senderKey), content);
    }

    /**
     * Returns a copy of the content: the record keeps its own.
     *
     * @return a copy of the content
     */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /**
     * {@code SK} if this is a confirmation.
     *
     * @return a copy of {@code SK} for a confirmation, else empty
     */
    public Optional<byte[]> senderKey() {
        if (!header.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Encodings.fromBase64(header.substring(KEY_PREFIX.length())));
        } catch (EncodingException e) {
            return Optional.empty();
        }
    }

    /** The plaintext layout {@code header LF content LF}. */
    byte[] plaintext() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + content.length + 2);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.write('\n');
        out.writeBytes(content);
        out.write('\n');
        return out.toByteArray();
    }

    /** Parses the plaintext layout; empty if it does not have it. */
    static Optional<Envelope> fromPlaintext(byte[] plaintext) {
        int lf = -1;
        for (int i = 0; i < plaintext.length; i++) {
            if (plaintext[i] == '\n') {
                lf = i;
                break;
            }
            if (plaintext[i] < 0x20 || plaintext[i] > 0x7e) {
                return Optional.empty();
            }
        }
        if (lf < 0 || plaintext.length < lf + 2 || plaintext[plaintext.length - 1] != '\n') {
            return Optional.empty();
        }
        return Optional.of(new Envelope(
                new String(plaintext, 0, lf, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(plaintext, lf + 1, plaintext.length - 1)));
    }

    /**
     * Encrypts this envelope for the queue {@code senderId} whose recipient holds {@code
     * encryptionKey}.
     *
     * @param encryptionKey the recipient's key {@code EK}, from the invitation
     * @param senderId the sender ID of the queue, bound into the encryption
     * @return the encrypted body to send
     */
    public byte[] seal(X25519PublicKey encryptionKey, QueueId senderId) {
        return Hpke.seal(encryptionKey, plaintext(), info(senderId));
    }

    /**
     * Decrypts a body received on the queue whose sender ID is {@code senderId}. Empty when it does
     * not decrypt or lacks the layout: the seed tells the recipient to ignore such messages (anyone
     * who learnt the SID can send to an unsecured queue).
     *
     * @param encryptionKey the recipient's private key {@code EK}
     * @param senderId the sender ID of the queue the body arrived on
     * @param body the encrypted body
     * @return the envelope, or empty if the body is not a valid envelope for this key and queue
     */
    public static Optional<Envelope> open(X25519PrivateKey encryptionKey, QueueId senderId, byte[] body) {
        try {
            return fromPlaintext(Hpke.open(encryptionKey, body, info(senderId)));
        } catch (AuthenticationException e) {
            return Optional.empty();
        }
    }

    private static byte[] info(QueueId senderId) {
        byte[] sid = senderId.bytes();
        byte[] info = Arrays.copyOf(INFO_PREFIX, INFO_PREFIX.length + sid.length);
        System.arraycopy(sid, 0, info, INFO_PREFIX.length, sid.length);
        return info;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && header.equals(e.header) && Arrays.equals(content, e.content);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Envelope[header=" + (header.startsWith(KEY_PREFIX) ? "KEY ..." : header) + ", " + content.length
                + " bytes]";
    }
}
