package dev.missive.tcp;

import dev.missive.event.CloseReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * What a protocol plugs into a {@link TcpServer}. For each accepted connection, on that connection's
 * virtual thread, the server calls {@link #handshake} with the socket's streams, wraps the socket in
 * a {@link FramedConnection} with the returned {@link Framing}, and calls {@link #open} for the
 * session that receives the decoded stream until the connection closes.
 *
 * <pre>{@code
 * TcpServer tcp = TcpServer.builder("echo").start(connection -> (bytes, off, len) ->
 *         connection.send(Arrays.copyOfRange(bytes, off, off + len)));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionHandler {

    /**
     * How the stream is carried once the handshake is over.
     *
     * @param codec the connection's codec (one instance per connection)
     * @param greeting frames written before anything the session sends, may be empty
     */
    record Framing(WireCodec codec, List<byte[]> greeting) {

        /** Validates and copies the list. */
        public Framing {
            Objects.requireNonNull(codec, "codec");
            greeting = List.copyOf(greeting);
        }

        /**
         * The stream straight on the socket, no greeting.
         *
         * @return the plain framing
         */
        public static Framing plain() {
            return new Framing(WireCodec.plain(), List.of());
        }
    }

    /**
     * One connection's protocol session: receives the decoded stream through
     * {@link ByteSink#accept} (an {@link IOException} there means the peer broke the protocol and
     * closes the connection with {@link CloseReason#PROTOCOL_ERROR}). Its methods are called only by
     * the connection's reader thread.
     */
    interface Session extends ByteSink {

        /**
         * Whether an idle connection is waiting on purpose and must be kept open for another idle
         * period (an SMP subscriber waiting for a message). Default: no.
         *
         * @return {@code true} to keep an idle connection open
         */
        default boolean waitingOnPurpose() {
            return false;
        }

        /**
         * Called once after the connection has closed, with why. Default: nothing.
         *
         * @param reason why the connection closed
         */
        default void closed(CloseReason reason) {}
    }

    /**
     * Runs the protocol's opening handshake, if it has one, on the accepted connection. Reads from
     * {@code in} time out after {@link ConnectionSettings#handshakeTimeout()}; anything written to
     * {@code out} must be flushed. Read no further than the handshake (no buffering stream): later
     * bytes belong to the {@link FramedConnection}. Default: no handshake, the plain stream.
     *
     * @param in the socket's input, read with the handshake timeout
     * @param out the socket's output
     * @return the framing of the rest of the connection: its codec and any frames to send first
     * @throws HandshakeException if the peer's handshake breaks the protocol
     * @throws IOException if the socket fails, times out, or the peer goes away
     *     ({@link java.io.EOFException})
     */
    default Framing handshake(InputStream in, OutputStream out) throws IOException {
        return Framing.plain();
    }

    /**
     * Whether the protocol's handshake goes on inside the framed stream after {@link #handshake}
     * (EMSG's {@code hello} line). If so, the {@link TcpServer} closes the connection with
     * {@link CloseReason#HANDSHAKE_TIMEOUT} when the session has not called
     * {@link FramedConnection#handshakeComplete()} within {@link ConnectionSettings#handshakeTimeout()}
     * of the accept, and reports a {@link dev.missive.event.ConnectionEvent.HandshakeFailed}. Default:
     * no, the handshake is over when {@link #handshake} returns.
     *
     * @return {@code true} if the session says when the handshake is complete
     */
    default boolean handshakeInStream() {
        return false;
    }

    /**
     * Starts the session of an established connection; the session (or anything it hands
     * {@code connection} to) sends with {@link FramedConnection#send}, which never blocks.
     *
     * @param connection the established connection
     * @return the session, which the server notifies when the connection closes
     */
    Session open(FramedConnection connection);
}
