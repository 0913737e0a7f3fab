package dev.missive.smp.secure;

import dev.missive.crypto.AesGcm;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns one direction's byte stream into Appendix A blocks. Each block's plaintext is a 2-byte
 * big-endian payload length, that many stream bytes, then {@code #} up to block size − 16; it is
 * sealed with AES-256-GCM (no AAD, 16-byte tag) under the IV of the direction's next counter value,
 * and sent as {@code tag ‖ ciphertext}, exactly {@link #blockSize()} bytes.
 *
 * <p>Bytes written are buffered, so several transmissions written before one {@link #flush} share a
 * block; a write larger than a block's capacity is fragmented over several blocks. Not thread-safe:
 * one writer per connection direction, used by one thread.
 */
public final class BlockWriter {

    private static final byte[] NO_AAD = new byte[0];

    private final int blockSize;
    private final DirectionKeys keys;
    private final byte[] pending;
    private int pendingLength;
    private long counter;

    /**
     * A writer for a direction that has sent no block yet.
     *
     * @param blockSize the negotiated block size in bytes, one of {@link
     *     SecureTransport#ALLOWED_BLOCK_SIZES}
     * @param keys the key and base IV of the sending direction
     */
    public BlockWriter(int blockSize, DirectionKeys keys) {
        if (!SecureTransport.isAllowedBlockSize(blockSize)) {
            throw new IllegalArgumentException("block size " + blockSize + " is not allowed");
        }
        this.blockSize = blockSize;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.pending = new byte[SecureTransport.payloadCapacity(blockSize)];
    }

    /**
     * Size of every block this writer emits.
     *
     * @return the block size in bytes
     */
    public int blockSize() {
        return blockSize;
    }

    /**
     * Buffers {@code len} stream bytes, emitting a sealed block to {@code out} each time a block is full.
     *
     * @param bytes the buffer holding the stream bytes
     * @param off where they start in {@code bytes}
     * @param len how many bytes
     * @param out receives each sealed block
     * @throws SecureTransportException if the direction's block counter is exhausted
     */
    public void write(byte[] bytes, int off, int len, Consumer<byte[]> out) throws SecureTransportException {
        Objects.checkFromIndexSize(off, len, bytes.length);
        while (len > 0) {
            int chunk = Math.min(len, pending.length - pendingLength);
            System.arraycopy(bytes, off, pending, pendingLength, chunk);
            pendingLength += chunk;
            off += chunk;
            len -= chunk;
            if (pendingLength == pending.length) {
                flush(out);
            }
        }
    }

    /**
     * Emits the buffered bytes, if any, as one padded block.
     *
     * @param out receives the sealed block
     * @throws SecureTransportException if the direction's block counter is exhausted
     */
    public void flush(Consumer<byte[]> out) throws SecureTransportException {
        if (pendingLength > 0) {
            out.accept(seal(pending, 0, pendingLength));
            pendingLength = 0;
        }
    }

    /**
     * Seals one block carrying exactly {@code payload[off, off+len)} ({@code len} at most the payload
     * capacity) under the next counter value.
     */
    byte[] seal(byte[] payload, int off, int len) throws SecureTransportException {
        if (counter > 0xFFFF_FFFFL) {
            throw new SecureTransportException(
                    SecureTransportException.Reason.COUNTER_EXHAUSTED, "2^32 blocks sent in one direction");
        }
        byte[] plain = new byte[blockSize - SecureTransport.TAG_LENGTH];
        plain[0] = (byte) (len >>> 8);
        plain[1] = (byte) len;
        System.arraycopy(payload, off, plain, SecureTransport.LENGTH_PREFIX, len);
        Arrays.fill(plain, SecureTransport.LENGTH_PREFIX + len, plain.length, SecureTransport.PAD);
        byte[] sealed = AesGcm.seal(keys.key(), keys.ivFor(counter++), NO_AAD, plain);
        Arrays.fill(plain, (byte) 0);
        // AesGcm gives ciphertext ‖ tag; the 2021 wire order is tag ‖ ciphertext.
        byte[] block = new byte[blockSize];
        int ciphertextLength = sealed.length - SecureTransport.TAG_LENGTH;
        System.arraycopy(sealed, ciphertextLength, block, 0, SecureTransport.TAG_LENGTH);
        System.arraycopy(sealed, 0, block, SecureTransport.TAG_LENGTH, ciphertextLength);
        return block;
    }
}
