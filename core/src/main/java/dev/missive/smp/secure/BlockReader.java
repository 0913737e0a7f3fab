package dev.missive.smp.secure;

import dev.missive.crypto.AesGcm;
import dev.missive.crypto.CryptoException;
import java.util.Objects;

/**
 * Turns received Appendix A blocks back into the byte stream (see {@link BlockWriter} for the
 * layout). Accepts the bytes however the network splits them and hands each block's payload to a
 * {@link StreamSink}. Blocks must arrive in counter order: a replayed, reordered, truncated or
 * modified block fails authentication. After any failure the reader refuses all further input, so
 * a peer cannot probe it; the connection must be closed. Not thread-safe.
 */
public final class BlockReader {

    /** Receives the stream bytes carried by each block. */
    @FunctionalInterface
    public interface StreamSink {
        /**
         * Called with the payload of one block; the array is only valid during the call.
         *
         * @param bytes the array holding the payload
         * @param off where the payload starts
         * @param len the payload's length in bytes
         */
        void accept(byte[] bytes, int off, int len);
    }

    private static final byte[] NO_AAD = new byte[0];

    private final int blockSize;
    private final DirectionKeys keys;
    private final byte[] partial;
    private int partialLength;
    private long counter;
    private boolean failed;

    /**
     * A reader for a direction that has received no block yet.
     *
     * @param blockSize the negotiated block size in bytes, one of {@link
     *     SecureTransport#ALLOWED_BLOCK_SIZES}
     * @param keys the key and base IV of the receiving direction
     */
    public BlockReader(int blockSize, DirectionKeys keys) {
        if (!SecureTransport.isAllowedBlockSize(blockSize)) {
            throw new IllegalArgumentException("block size " + blockSize + " is not allowed");
        }
        this.blockSize = blockSize;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.partial = new byte[blockSize];
    }

    /**
     * Size of every block this reader expects.
     *
     * @return the block size in bytes
     */
    public int blockSize() {
        return blockSize;
    }

    /**
     * Feeds received bytes; every completed block is opened and its payload passed to {@code sink}.
     *
     * @param bytes the buffer holding the received bytes
     * @param off where the new bytes start in {@code bytes}
     * @param len how many bytes; a partial block is kept until the rest arrives
     * @param sink receives the payload of each completed block
     * @throws SecureTransportException if a block fails authentication or framing (the reader is then dead)
     */
    public void read(byte[] bytes, int off, int len, StreamSink sink) throws SecureTransportException {
        Objects.checkFromIndexSize(off, len, bytes.length);
        checkAlive();
        while (len > 0) {
            int chunk = Math.min(len, blockSize - partialLength);
            System.arraycopy(bytes, off, partial, partialLength, chunk);
            partialLength += chunk;
            off += chunk;
            len -= chunk;
            if (partialLength == blockSize) {
                partialLength = 0;
                byte[] plain = open(partial);
                sink.accept(plain, SecureTransport.LENGTH_PREFIX, payloadLength(plain));
            }
        }
    }

    /**
     * Opens exactly one block and returns its payload.
     *
     * @param block exactly one sealed block
     * @return the block's payload
     * @throws SecureTransportException if it is not one block long or fails authentication or framing
     */
    public byte[] readBlock(byte[] block) throws SecureTransportException {
        checkAlive();
        if (block.length != blockSize || partialLength != 0) {
            failed = true;
            throw new SecureTransportException(
                    SecureTransportException.Reason.BLOCK_AUTHENTICATION,
                    "block must be exactly " + blockSize + " bytes");
        }
        byte[] plain = open(block);
        int length = payloadLength(plain);
        byte[] payload = new byte[length];
        System.arraycopy(plain, SecureTransport.LENGTH_PREFIX, payload, 0, length);
        return payload;
    }

    private void checkAlive() throws SecureTransportException {
        if (failed) {
            throw new SecureTransportException(
                    SecureTransportException.Reason.BLOCK_AUTHENTICATION,
                    "an earlier block failed; the stream cannot continue");
        }
    }

    private byte[] open(byte[] block) throws SecureTransportException {
        if (counter > 0xFFFF_FFFFL) {
            failed = true;
            throw new SecureTransportException(
                    SecureTransportException.Reason.COUNTER_EXHAUSTED, "2^32 blocks received in one direction");
        }
        // Wire order is tag ‖ ciphertext; AesGcm takes ciphertext ‖ tag.
        int ciphertextLength = blockSize - SecureTransport.TAG_LENGTH;
        byte[] sealed = new byte[blockSize];
        System.arraycopy(block, SecureTransport.TAG_LENGTH, sealed, 0, ciphertextLength);
        System.arraycopy(block, 0, sealed, ciphertextLength, SecureTransport.TAG_LENGTH);
        byte[] plain;
        try {
            plain = AesGcm.open(keys.key(), keys.ivFor(counter), NO_AAD, sealed);
        } catch (CryptoException e) {
            failed = true;
            throw new SecureTransportException(
                    SecureTransportException.Reason.BLOCK_AUTHENTICATION,
                    "block " + counter + " failed authentication");
        }
        counter++;
        return plain;
    }

    private int payloadLength(byte[] plain) throws SecureTransportException {
        int length = ((plain[0] & 0xff) << 8) | (plain[1] & 0xff);
        int end = SecureTransport.LENGTH_PREFIX + length;
        if (end > plain.length) {
            failed = true;
            throw framing("payload length exceeds the block");
        }
        for (int i = end; i < plain.length; i++) {
            if (plain[i] != SecureTransport.PAD) {
                failed = true;
                throw framing("padding is not '#'");
            }
        }
        return length;
    }

    private static SecureTransportException framing(String detail) {
        return new SecureTransportException(SecureTransportException.Reason.BAD_BLOCK_FRAMING, detail);
    }
}
