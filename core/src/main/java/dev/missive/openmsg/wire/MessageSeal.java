package dev.missive.openmsg.wire;

import dev.missive.crypto.AuthenticationException;
import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.Digests;
import dev.missive.crypto.EncodingException;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.KeyFormatException;
import dev.missive.crypto.Secret;
import dev.missive.crypto.SecretBox;
import dev.missive.crypto.SymmetricKey;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Openmsg's message crypto, byte-compatible with the PHP reference ({@code docs/openmsg.md}, golden
 * vectors in {@code MessageSealTest}). The connection's codes and key arrive as {@link Secret}s holding
 * their hex text and are revealed only here, where they are hashed or turned into a key:
 * <ul>
 *   <li>{@code message_package} = base64url without padding of nonce(24) ‖ secretbox(key, nonce, text)
 *       where secretbox is libsodium's {@code crypto_secretbox_easy} (XSalsa20-Poly1305, tag first);</li>
 *   <li>{@code message_hash} = lowercase hex SHA-256 of the ASCII text
 *       {@code message_package ‖ auth_code ‖ message_salt ‖ decimal(message_timestamp)};</li>
 *   <li>{@code passcode_hash} = lowercase hex SHA-256 of {@code pass_code ‖ initiator ‖ acceptor}.</li>
 * </ul>
 */
public final class MessageSeal {

    /** Bytes of random salt per message (sent as 32 hex characters). */
    public static final int SALT_LENGTH = 16;

    private MessageSeal() {}

    /**
     * A sealed message's wire values.
     *
     * @param messagePackage base64url(nonce ‖ mac ‖ ciphertext)
     * @param messageNonce   base64url(nonce): what message-confirm carries
     * @param messageHash    the hash
     * @param messageSalt    the salt as hex
     * @param timestamp      Unix seconds
     */
    public record Sealed(
            String messagePackage, String messageNonce, String messageHash, String messageSalt, long timestamp) {}

    /**
     * A decoded {@code message_package}.
     *
     * @param nonce 24 bytes
     * @param box   mac(16) ‖ ciphertext
     */
    public record Opened(byte[] nonce, byte[] box) {
        /** base64url of the nonce, the {@code message_nonce} of message-confirm. */
        public String nonceText() {
            return Encodings.base64Url(nonce);
        }
    }

    /**
     * Seals {@code text} for a connection.
     *
     * @param messageCryptKey the connection's key as 64 hex
     * @param authCode        the connection's auth code text, hashed as given
     * @param nonce              24 fresh random bytes
     * @param salt               16 fresh random bytes
     * @param timestamp          Unix seconds
     * @param text               the message
     */
    public static Sealed seal(
            Secret messageCryptKey, Secret authCode, byte[] nonce, byte[] salt, long timestamp, String text) {
        Objects.requireNonNull(text, "text");
        if (nonce.length != SecretBox.NONCE_LENGTH || salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("nonce must be 24 bytes and salt 16 bytes");
        }
        SymmetricKey key = SymmetricKey.of(Encodings.fromHex(messageCryptKey.revealText()));
        byte[] box = SecretBox.seal(key, nonce, text.getBytes(StandardCharsets.UTF_8));
        byte[] packageBytes = new byte[nonce.length + box.length];
        System.arraycopy(nonce, 0, packageBytes, 0, nonce.length);
        System.arraycopy(box, 0, packageBytes, nonce.length, box.length);
        String messagePackage = Encodings.base64Url(packageBytes);
        String saltHex = Encodings.hex(salt);
        return new Sealed(
                messagePackage,
                Encodings.base64Url(nonce),
                messageHash(messagePackage, authCode, saltHex, timestamp),
                saltHex,
                timestamp);
    }

    /** {@code message_hash} of the given wire values (lowercase hex). */
    public static String messageHash(String messagePackage, Secret authCode, String messageSalt, long timestamp) {
        return Encodings.hex(messageDigest(messagePackage, authCode, messageSalt, timestamp));
    }

    /**
     * Whether {@code presentedHash} (hex, either case) is the {@code message_hash} of the given wire
     * values: the digests are compared as bytes in constant time, so no hex text is built for it.
     */
    public static boolean messageHashMatches(
            String presentedHash, String messagePackage, Secret authCode, String messageSalt, long timestamp) {
        byte[] presented;
        try {
            presented = Encodings.fromHex(presentedHash);
        } catch (EncodingException e) {
            return false;
        }
        return ConstantTime.equals(messageDigest(messagePackage, authCode, messageSalt, timestamp), presented);
    }

    private static byte[] messageDigest(String messagePackage, Secret authCode, String messageSalt, long timestamp) {
        return Digests.sha256(
                (messagePackage + authCode.revealText() + messageSalt + timestamp).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code passcode_hash} for a handshake of {@code initiator} with {@code acceptor} (lowercase hex): a
     * secret too, since it proves knowledge of the pass code.
     */
    public static Secret passcodeHash(Secret passCode, OpenmsgAddress initiator, OpenmsgAddress acceptor) {
        return Secret.ofText(Encodings.hex(
                Digests.sha256((passCode.revealText() + initiator + acceptor).getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Decodes a {@code message_package}: strict base64url without padding, at least nonce + mac long.
     *
     * @throws WireFormatException if it is not
     */
    public static Opened decodePackage(String messagePackage) throws WireFormatException {
        byte[] bytes;
        try {
            bytes = Encodings.fromBase64Url(messagePackage);
        } catch (EncodingException e) {
            throw new WireFormatException("message_package must be base64url without padding");
        }
        if (bytes.length < SecretBox.NONCE_LENGTH + SecretBox.MAC_LENGTH) {
            throw new WireFormatException("message_package is shorter than nonce and mac");
        }
        return new Opened(
                Arrays.copyOfRange(bytes, 0, SecretBox.NONCE_LENGTH),
                Arrays.copyOfRange(bytes, SecretBox.NONCE_LENGTH, bytes.length));
    }

    /**
     * Opens a decoded package with the connection's key; empty if the key is not 64 hex, the mac does
     * not verify or the plaintext is not well-formed UTF-8.
     */
    public static Optional<String> open(Secret messageCryptKey, Opened opened) {
        try {
            SymmetricKey key = SymmetricKey.of(Encodings.fromHex(messageCryptKey.revealText()));
            return wellFormedUtf8(SecretBox.open(key, opened.nonce(), opened.box()));
        } catch (AuthenticationException | KeyFormatException | EncodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The text of {@code bytes} if they are well-formed UTF-8. {@code new String} replaces malformed
     * input with U+FFFD and the encoder only writes well-formed UTF-8, so the bytes are well-formed
     * exactly when encoding the text gives them back. Both steps are JDK intrinsics; a reporting
     * {@code CharsetDecoder} would instead cost a decoder and a char buffer per message.
     */
    private static Optional<String> wellFormedUtf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes) ? Optional.of(text) : Optional.empty();
    }
}
