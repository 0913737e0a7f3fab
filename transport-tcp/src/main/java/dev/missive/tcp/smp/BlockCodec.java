package dev.missive.tcp.smp;

import dev.missive.smp.secure.SecureStreams;
import dev.missive.smp.secure.SecureTransportException;
import dev.missive.tcp.ByteSink;
import dev.missive.tcp.WireCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Appendix A block layer as a {@link WireCodec}: every batch of frames the writer drains is
 * packed into as few blocks as possible (a frame larger than a block is fragmented), and received
 * blocks are opened in counter order.
 */
final class BlockCodec implements WireCodec {

    private final SecureStreams streams;

    BlockCodec(SecureStreams streams) {
        this.streams = streams;
    }

    @Override
    public void decode(byte[] bytes, int off, int len, ByteSink sink) throws IOException {
        try {
            streams.reader().read(bytes, off, len, (b, o, l) -> {
                try {
                    sink.accept(b, o, l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SecureTransportException e) {
            throw new IOException("secure transport failed: " + e.reason(), e);
        }
    }

    @Override
    public void encode(List<byte[]> frames, OutputStream out) throws IOException {
        try {
            for (byte[] frame : frames) {
                streams.writer().write(frame, 0, frame.length, block -> write(out, block));
            }
            streams.writer().flush(block -> write(out, block));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SecureTransportException e) {
            throw new IOException("secure transport failed: " + e.reason(), e);
        }
        out.flush();
    }

    private static void write(OutputStream out, byte[] block) {
        try {
            out.write(block);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
