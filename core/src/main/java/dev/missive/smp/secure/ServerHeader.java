package dev.missive.smp.secure;

import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.CryptoException;
import dev.missive.crypto.Digests;
import dev.missive.crypto.RsaPublicKey;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What the server sends in the clear as soon as a connection opens: an 8-byte prefix — block size
 * (uint32 BE), transport mode (uint16 BE, {@link SecureTransport#MODE_BINARY_RSA}), key length
 * (uint16 BE) — followed by the server's RSA public key as X.509 SubjectPublicKeyInfo DER.
 *
 * <p>A reader first takes {@link #PREFIX_LENGTH} bytes, asks {@link #keyLength(byte[])} how many
 * more to read, then decodes the whole header with {@link #decode(byte[])}.
 *
 * @param blockSize the block size the server proposes
 * @param serverKey the server's RSA key; clients pin SHA-256 of its SPKI DER
 */
public record ServerHeader(int blockSize, RsaPublicKey serverKey) {

    /** Length of the fixed part before the key. */
    public static final int PREFIX_LENGTH = 8;

    /** Largest key DER accepted (an RSA-8192 SPKI is about 1,060 bytes). */
    public static final int MAX_KEY_LENGTH = 2048;

    /** Validates the block size. */
    public ServerHeader {
        Objects.requireNonNull(serverKey, "serverKey");
        if (!SecureTransport.isAllowedBlockSize(blockSize)) {
            throw new IllegalArgumentException("block size " + blockSize + " is not allowed");
        }
    }

    /**
     * The header bytes: prefix then key DER.
     *
     * @return the header as the server sends it
     */
    public byte[] encode() {
        byte[] der = serverKey.spki();
        return ByteBuffer.allocate(PREFIX_LENGTH + der.length)
                .putInt(blockSize)
                .putShort((short) SecureTransport.MODE_BINARY_RSA)
                .putShort((short) der.length)
                .put(der)
                .array();
    }

    /**
     * SHA-256 of the key's SPKI DER: what a client pins (the out-of-band "server key hash").
     *
     * @return the 32-byte hash
     */
    public byte[] keyHash() {
        return keyHash(serverKey);
    }

    /**
     * SHA-256 of {@code key}'s SPKI DER.
     *
     * @param key the server's public key
     * @return the 32-byte hash
     */
    public static byte[] keyHash(RsaPublicKey key) {
        return Digests.sha256(key.spki());
    }

    /**
     * Checks the fixed prefix and returns the number of key bytes that follow it.
     *
     * @param prefix at least the first {@link #PREFIX_LENGTH} bytes of the header
     * @return the number of key bytes after the prefix
     * @throws SecureTransportException if the block size, mode or key length is unacceptable
     */
    public static int keyLength(byte[] prefix) throws SecureTransportException {
        if (prefix.length < PREFIX_LENGTH) {
            throw bad("header shorter than " + PREFIX_LENGTH + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(prefix, 0, PREFIX_LENGTH);
        int blockSize = buffer.getInt();
        int mode = Short.toUnsignedInt(buffer.getShort());
        int keyLength = Short.toUnsignedInt(buffer.getShort());
        SecureTransport.checkBlockSize(blockSize);
        if (mode != SecureTransport.MODE_BINARY_RSA) {
            throw bad("unsupported transport mode " + mode);
        }
        if (keyLength == 0 || keyLength > MAX_KEY_LENGTH) {
            throw bad("key length out of range");
        }
        return keyLength;
    }

    /**
     * Decodes a complete header (prefix and exactly the announced key bytes).
     *
     * @param header the whole header
     * @return the header
     * @throws SecureTransportException if it is malformed or the key is not an RSA SPKI
     */
    public static ServerHeader decode(byte[] header) throws SecureTransportException {
        int keyLength = keyLength(header);
        if (header.length != PREFIX_LENGTH + keyLength) {
            throw bad("header length does not match its key length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(header);
        int blockSize = buffer.getInt();
        byte[] der = new byte[keyLength];
        buffer.position(PREFIX_LENGTH);
        buffer.get(der);
        try {
            return new ServerHeader(blockSize, RsaPublicKey.fromSpki(der));
        } catch (CryptoException e) {
            throw bad("server key is not an RSA SubjectPublicKeyInfo");
        }
    }

    /**
     * Checks that the server key hashes to {@code expectedKeyHash} (constant-time comparison).
     *
     * @param expectedKeyHash the pinned 32-byte hash, e.g. from a {@code ServerAddress}
     * @throws SecureTransportException with {@link SecureTransportException.Reason#SERVER_KEY_MISMATCH}
     */
    public void verifyKeyHash(byte[] expectedKeyHash) throws SecureTransportException {
        Objects.requireNonNull(expectedKeyHash, "expectedKeyHash");
        if (!ConstantTime.equals(keyHash(), expectedKeyHash)) {
            throw new SecureTransportException(
                    SecureTransportException.Reason.SERVER_KEY_MISMATCH,
                    "server key does not match the expected SHA-256 hash");
        }
    }

    private static SecureTransportException bad(String detail) {
        return new SecureTransportException(SecureTransportException.Reason.BAD_SERVER_HEADER, detail);
    }
}
