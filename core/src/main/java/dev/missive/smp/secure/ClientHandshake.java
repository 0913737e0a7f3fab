package dev.missive.smp.secure;

import dev.missive.crypto.CryptoException;
import dev.missive.crypto.RsaOaep;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.crypto.SymmetricKey;
import dev.missive.spi.RandomSource;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The client's half of the Appendix A handshake: the {@value #LENGTH}-byte plaintext
 * {@code blockSize (uint32 BE) ‖ uint16 0 ‖ sendKey (32) ‖ sendIv (16) ‖ receiveKey (32) ‖ receiveIv (16)},
 * sent RSA-OAEP (SHA-256, MGF1-SHA-256, empty label) encrypted under the server's key. "Send" and
 * "receive" are from the client's point of view.
 *
 * @param blockSize block size both directions use from now on
 * @param clientToServer keys of the client → server direction
 * @param serverToClient keys of the server → client direction
 */
public record ClientHandshake(int blockSize, DirectionKeys clientToServer, DirectionKeys serverToClient) {

    /** Length of the handshake plaintext. */
    public static final int LENGTH = 4 + 2 + 2 * (SecureTransport.KEY_LENGTH + SecureTransport.IV_LENGTH);

    /** Validates the block size. */
    public ClientHandshake {
        Objects.requireNonNull(clientToServer, "clientToServer");
        Objects.requireNonNull(serverToClient, "serverToClient");
        if (!SecureTransport.isAllowedBlockSize(blockSize)) {
            throw new IllegalArgumentException("block size " + blockSize + " is not allowed");
        }
    }

    /**
     * Draws fresh keys and IVs for both directions from {@code random}.
     *
     * @param blockSize the block size the client asks for, one of {@link
     *     SecureTransport#ALLOWED_BLOCK_SIZES}
     * @param random the source of the keys and IVs
     * @return the handshake
     */
    public static ClientHandshake generate(int blockSize, RandomSource random) {
        return new ClientHandshake(blockSize, freshKeys(random), freshKeys(random));
    }

    private static DirectionKeys freshKeys(RandomSource random) {
        byte[] key = random.bytes(SecureTransport.KEY_LENGTH);
        try {
            return DirectionKeys.of(SymmetricKey.of(key), random.bytes(SecureTransport.IV_LENGTH));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The {@value #LENGTH}-byte plaintext layout.
     *
     * @return the plaintext the client encrypts to the server key
     */
    public byte[] encode() {
        byte[] sendKey = clientToServer.key().revealSecret();
        byte[] receiveKey = serverToClient.key().revealSecret();
        try {
            return ByteBuffer.allocate(LENGTH)
                    .putInt(blockSize)
                    .putShort((short) 0)
                    .put(sendKey)
                    .put(clientToServer.baseIv())
                    .put(receiveKey)
                    .put(serverToClient.baseIv())
                    .array();
        } finally {
            Arrays.fill(sendKey, (byte) 0);
            Arrays.fill(receiveKey, (byte) 0);
        }
    }

    /**
     * The handshake as the client sends it: RSA-OAEP-SHA-256 of {@link #encode()} under {@code
     * serverKey}.
     *
     * @param serverKey the server's RSA key, after its hash was checked against the pinned one
     * @return the ciphertext, as long as the key's modulus
     */
    public byte[] encryptTo(RsaPublicKey serverKey) {
        byte[] plain = encode();
        try {
            return RsaOaep.encrypt(serverKey, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Decodes the {@value #LENGTH}-byte plaintext.
     *
     * @param plain the decrypted handshake
     * @return the handshake it holds
     * @throws SecureTransportException if the length, the reserved field or the block size is wrong
     */
    public static ClientHandshake decode(byte[] plain) throws SecureTransportException {
        if (plain.length != LENGTH) {
            throw bad("handshake must be " + LENGTH + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(plain);
        int blockSize = buffer.getInt();
        if (buffer.getShort() != 0) {
            throw bad("reserved field must be zero");
        }
        SecureTransport.checkBlockSize(blockSize);
        DirectionKeys clientToServer = readKeys(buffer);
        DirectionKeys serverToClient = readKeys(buffer);
        return new ClientHandshake(blockSize, clientToServer, serverToClient);
    }

    private static DirectionKeys readKeys(ByteBuffer buffer) {
        byte[] key = new byte[SecureTransport.KEY_LENGTH];
        byte[] iv = new byte[SecureTransport.IV_LENGTH];
        buffer.get(key).get(iv);
        try {
            return DirectionKeys.of(SymmetricKey.of(key), iv);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Decrypts and decodes what a client sent; {@code ciphertext} must be exactly the key's modulus length.
     *
     * @param serverKey the server's private key
     * @param ciphertext the bytes the client sent after the server header
     * @return the client's handshake
     * @throws SecureTransportException if decryption fails or the plaintext is malformed
     */
    public static ClientHandshake decrypt(RsaPrivateKey serverKey, byte[] ciphertext) throws SecureTransportException {
        byte[] plain;
        try {
            plain = RsaOaep.decrypt(serverKey, ciphertext);
        } catch (CryptoException e) {
            throw bad("handshake does not decrypt under the server key");
        }
        try {
            return decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Length in bytes of the encrypted handshake a server with {@code serverKey} reads.
     *
     * @param serverKey the server's public key
     * @return the modulus length in bytes
     */
    public static int ciphertextLength(RsaPublicKey serverKey) {
        return (serverKey.modulusBits() + 7) / 8;
    }

    /**
     * The block streams of the client side of the connection.
     *
     * @return the client's writer and reader
     */
    public SecureStreams clientStreams() {
        return new SecureStreams(
                new BlockWriter(blockSize, clientToServer), new BlockReader(blockSize, serverToClient));
    }

    /**
     * The block streams of the server side of the connection.
     *
     * @return the server's writer and reader
     */
    public SecureStreams serverStreams() {
        return new SecureStreams(
                new BlockWriter(blockSize, serverToClient), new BlockReader(blockSize, clientToServer));
    }

    @Override
    public String toString() {
        return "ClientHandshake[blockSize=" + blockSize + ", keys redacted]";
    }

    private static SecureTransportException bad(String detail) {
        return new SecureTransportException(SecureTransportException.Reason.BAD_CLIENT_HANDSHAKE, detail);
    }
}
