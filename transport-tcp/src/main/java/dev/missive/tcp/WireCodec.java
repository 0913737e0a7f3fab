package dev.missive.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * What sits between a socket and a protocol's byte stream once any handshake is over: plain
 * pass-through, or a block cipher. One instance per connection; {@link #decode} is only called by
 * the connection's reader thread and {@link #encode} only by its writer thread.
 */
public interface WireCodec {

    /**
     * Turns received socket bytes into stream bytes for {@code sink}.
     *
     * @param bytes the buffer holding the received bytes
     * @param off where they start in {@code bytes}
     * @param len how many bytes
     * @param sink receives the stream bytes
     * @throws IOException if the bytes break the codec's framing or authentication; the connection
     *     closes
     */
    void decode(byte[] bytes, int off, int len, ByteSink sink) throws IOException;

    /**
     * Writes {@code frames} (in order, packed as tightly as the codec allows) to {@code out} and
     * flushes.
     *
     * @param frames the frames to write, possibly several at once
     * @param out the socket's output
     * @throws IOException if the socket fails
     */
    void encode(List<byte[]> frames, OutputStream out) throws IOException;

    /**
     * The identity codec: the stream is the wire.
     *
     * @return the plain codec
     */
    static WireCodec plain() {
        return new WireCodec() {
            @Override
            public void decode(byte[] bytes, int off, int len, ByteSink sink) throws IOException {
                sink.accept(bytes, off, len);
            }

            @Override
            public void encode(List<byte[]> frames, OutputStream out) throws IOException {
                for (byte[] frame : frames) {
                    out.write(frame);
                }
                out.flush();
            }
        };
    }
}
