package dev.missive.smp.secure;

import java.util.Set;

/**
 * Constants of the Appendix A transport as realised by the 2021 SMP servers ({@code docs/smp.md}, "Encrypted mode"):
 * an RSA server key sent in the clear and pinned by its SHA-256, an RSA-OAEP-SHA-256 client
 * handshake carrying one AES-256 key and one 16-byte base IV per direction, then fixed-size
 * AES-256-GCM blocks.
 *
 * <p>The classes of this package are pure (no I/O): a transport adapter reads and writes the
 * bytes they produce.
 */
public final class SecureTransport {

    /** Block size used unless the client asks for another one. */
    public static final int DEFAULT_BLOCK_SIZE = 4096;

    /** Block sizes a server accepts in the client handshake (4, 8, 16, 32 and 64 KiB). */
    public static final Set<Integer> ALLOWED_BLOCK_SIZES = Set.of(4096, 8192, 16384, 32768, 65536);

    /** Transport mode field of the server header: binary blocks, RSA handshake. */
    public static final int MODE_BINARY_RSA = 0;

    /** AES-GCM tag length in bytes; the tag comes first in a wire block. */
    public static final int TAG_LENGTH = 16;

    /** Length of each direction's base IV. */
    public static final int IV_LENGTH = 16;

    /** AES-256 key length. */
    public static final int KEY_LENGTH = 32;

    /** Bytes of the per-block payload length prefix (uint16 big-endian). */
    public static final int LENGTH_PREFIX = 2;

    /** Fill byte after the payload in each block's plaintext. */
    public static final byte PAD = '#';

    private SecureTransport() {}

    /**
     * Whether {@code blockSize} is one of {@link #ALLOWED_BLOCK_SIZES}.
     *
     * @param blockSize the size to check, in bytes
     * @return {@code true} if the size is allowed
     */
    public static boolean isAllowedBlockSize(int blockSize) {
        return ALLOWED_BLOCK_SIZES.contains(blockSize);
    }

    /**
     * Stream bytes one block can carry: block size minus tag and length prefix.
     *
     * @param blockSize an allowed block size in bytes
     * @return the payload capacity in bytes
     */
    public static int payloadCapacity(int blockSize) {
        return blockSize - TAG_LENGTH - LENGTH_PREFIX;
    }

    static void checkBlockSize(int blockSize) throws SecureTransportException {
        if (!isAllowedBlockSize(blockSize)) {
            throw new SecureTransportException(
                    SecureTransportException.Reason.BAD_BLOCK_SIZE, "block size " + blockSize + " is not allowed");
        }
    }
}
