package dev.missive.smp.secure;

import java.util.Objects;

/**
 * One side's two directions after the handshake: the writer seals the stream this side sends, the
 * reader opens the blocks it receives.
 *
 * @param writer seals outgoing stream bytes into blocks
 * @param reader opens incoming blocks into stream bytes
 */
public record SecureStreams(BlockWriter writer, BlockReader reader) {

    /** Checks both are present. */
    public SecureStreams {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(reader, "reader");
    }
}
