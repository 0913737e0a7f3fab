package dev.missive.tcp;

import dev.missive.event.CloseReason;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One established socket after its handshake: a reader loop (run by the caller's thread, normally a
 * virtual thread per connection) that feeds decoded stream bytes to a {@link ByteSink}, and a writer
 * virtual thread that drains a bounded outbox through the {@link WireCodec}.
 *
 * <p>{@link #send(byte[])} is thread-safe and never blocks: it only enqueues. A connection whose
 * outbox overflows (a peer that does not read) is closed. Reads time out: a connection idle in both
 * directions for {@link ConnectionSettings#idleTimeout()} is closed, unless its owner says it is
 * waiting on purpose (an SMP subscriber waiting for {@code MSG}). When the peer half-closes, the
 * frames already queued are still written (within {@link ConnectionSettings#closeGrace()}) before the
 * socket closes. The connection counts the bytes it reads and writes and records why it closed
 * ({@link #closeReason()}, {@link #closeCause()}).
 */
public final class FramedConnection implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FramedConnection.class);
    private static final byte[] END_OF_STREAM = new byte[0];
    // Idle connections should cost little heap: one 8 KiB read buffer, an outbox that allocates per
    // queued frame rather than up front (an array-backed queue of 4,096 slots would be 16 KiB), and
    // a write buffer that exists only while a batch is being written.
    private static final int READ_BUFFER = 8 * 1024;

    /** Why the connection ended, and the failure behind it (null for a close on this side). */
    private record Ending(CloseReason reason, Throwable cause) {}

    private final Socket socket;
    private final WireCodec codec;
    private final ConnectionSettings settings;
    private final BlockingQueue<byte[]> outbox;
    // Null while open; then why it closed, set once by the first close so listeners see the real reason.
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private final List<Runnable> closeListeners = new ArrayList<>();
    // Set by sendThenClose: the writer closes with it once the frames before END_OF_STREAM are out.
    private volatile CloseReason closeAfterWriting;
    private volatile long lastActivityNanos = System.nanoTime();
    // While the protocol's handshake goes on inside the stream (EMSG's hello): when it must be over.
    private volatile boolean handshakePending;
    private volatile long handshakeDeadlineNanos;
    private volatile Thread writer;
    // Each written by one thread only (the reader, the writer), read by any.
    private volatile long bytesIn;
    private volatile long bytesOut;

    /**
     * Wraps a connected socket whose handshake is done.
     *
     * @param initial frames written before anything sent later (a greeting), may be empty
     * @param socket the connected socket; this connection owns and closes it
     * @param codec turns socket bytes into stream bytes and frames into socket bytes
     * @param settings the idle timeout, outbox limit and close grace
     */
    public FramedConnection(Socket socket, WireCodec codec, ConnectionSettings settings, List<byte[]> initial) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = new LinkedBlockingQueue<>(settings.outboxLimit() + 1 + initial.size());
        outbox.addAll(initial);
    }

    /**
     * Runs {@code listener} on the reader thread once the connection has closed (register before
     * {@link #run}); {@link #closeCause()} then says why.
     *
     * @param listener the callback
     */
    public void onClose(Runnable listener) {
        closeListeners.add(listener);
    }

    /**
     * Puts the connection under a handshake deadline (register before {@link #run}): unless
     * {@link #handshakeComplete()} is called by then, the reader closes it at {@code deadlineNanos}
     * (a {@link System#nanoTime()} value) with {@link CloseReason#HANDSHAKE_TIMEOUT}.
     *
     * @param deadlineNanos when the handshake must be over, on the {@link System#nanoTime()} scale
     */
    void handshakeDeadline(long deadlineNanos) {
        handshakeDeadlineNanos = deadlineNanos;
        handshakePending = true;
    }

    /**
     * Says that the protocol's handshake inside the stream is over (EMSG: the {@code hello} is
     * answered), lifting the deadline a {@link TcpServer} sets for a
     * {@link ConnectionHandler#handshakeInStream() handshake in the stream}. Idempotent; does nothing
     * on a connection without such a deadline.
     */
    public void handshakeComplete() {
        handshakePending = false;
    }

    /**
     * Queues a frame for the writer. Thread-safe, non-blocking.
     *
     * @param frame the encoded frame; queued as is, so the caller must not change it afterwards
     * @return false if the connection is closed or the frame overflowed the outbox (the connection is then closed)
     */
    public boolean send(byte[] frame) {
        if (isClosed() || closeAfterWriting != null) {
            return false;
        }
        if (!outbox.offer(frame)) {
            LOG.debug("closing {}: outbox overflow", this);
            close(CloseReason.SLOW_PEER, new IOException("outbox overflow: the peer does not read"));
            return false;
        }
        return true;
    }

    /**
     * Queues a last frame (an error reply) and closes the connection once every frame queued so far
     * and this one are written (within {@link ConnectionSettings#closeGrace()} of the writer's pace),
     * recording {@code reason}. Frames sent afterwards are dropped. Thread-safe, non-blocking.
     *
     * @param frame the last frame
     * @param reason why the connection closes
     * @return false if the connection was already closed
     */
    public boolean sendThenClose(byte[] frame, CloseReason reason) {
        Objects.requireNonNull(reason, "reason");
        if (isClosed() || closeAfterWriting != null) {
            return false;
        }
        closeAfterWriting = reason;
        // Offer both past the outbox limit's check: a closing connection must still say why.
        if (!outbox.offer(frame) || !outbox.offer(END_OF_STREAM)) {
            close(reason);
        }
        return true;
    }

    /**
     * Whether the connection has closed, from either side.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return ending.get() != null;
    }

    /**
     * Why the connection closed, null while open: {@link CloseReason#PEER_CLOSED},
     * {@link CloseReason#IDLE_TIMEOUT}, {@link CloseReason#SLOW_PEER} (outbox overflow),
     * {@link CloseReason#PROTOCOL_ERROR} (the codec or the sink refused received bytes),
     * {@link CloseReason#HANDSHAKE_TIMEOUT} (a handshake in the stream not complete by its deadline),
     * {@link CloseReason#IO_ERROR} (the socket failed), or the reason given by whoever closed it on
     * this side ({@link CloseReason#LOCAL_CLOSE} for {@link #close()}).
     *
     * @return the reason, or {@code null} while open
     */
    public CloseReason closeReason() {
        Ending end = ending.get();
        return end == null ? null : end.reason();
    }

    /**
     * Bytes read from the socket so far (after any handshake done before this connection existed).
     *
     * @return the number of bytes read
     */
    public long bytesIn() {
        return bytesIn;
    }

    /**
     * Bytes written to the socket so far, initial frames included.
     *
     * @return the number of bytes written
     */
    public long bytesOut() {
        return bytesOut;
    }

    /**
     * The failure behind {@link #closeReason()}: the read, write or decoding failure, an
     * {@link EOFException} when the peer closed it, a {@link SocketTimeoutException} when it was idle,
     * an {@link IOException} for an outbox overflow; null while open or when it was closed on this side.
     *
     * @return the failure, or {@code null}
     */
    public Throwable closeCause() {
        Ending end = ending.get();
        return end == null ? null : end.cause();
    }

    /**
     * Starts the writer and reads until end of stream, idle timeout, protocol violation or close;
     * then closes. Blocks the calling thread for the life of the connection.
     *
     * @param inbound receives the decoded stream bytes on the reading thread
     */
    public void run(ByteSink inbound) {
        run(inbound, () -> false);
    }

    /**
     * Like {@link #run(ByteSink)}, but an idle connection for which {@code waitingOnPurpose} answers
     * true when its idle time runs out is kept open for another idle period.
     *
     * @param inbound receives the decoded stream bytes on the reading thread
     * @param waitingOnPurpose asked when the idle time runs out whether to keep waiting
     */
    public void run(ByteSink inbound, BooleanSupplier waitingOnPurpose) {
        writer = Thread.ofVirtual().name("missive-tcp-writer").start(this::writeLoop);
        boolean peerHalfClosed = false;
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[READ_BUFFER];
            long idleNanos = settings.idleTimeout().toNanos();
            while (!isClosed()) {
                // Idle means no bytes either way: the read waits only for what is left of the idle
                // time since the last read or write.
                long now = System.nanoTime();
                long remaining = idleNanos - (now - lastActivityNanos);
                if (handshakePending) {
                    long handshakeLeft = handshakeDeadlineNanos - now;
                    if (handshakeLeft <= 0) {
                        LOG.debug("closing {}: handshake not complete in time", this);
                        close(
                                CloseReason.HANDSHAKE_TIMEOUT,
                                new SocketTimeoutException("handshake not complete within the handshake timeout"));
                        break;
                    }
                    remaining = Math.min(remaining, handshakeLeft);
                }
                if (remaining <= 0) {
                    if (waitingOnPurpose.getAsBoolean()) {
                        lastActivityNanos = System.nanoTime();
                        continue;
                    }
                    LOG.debug("closing {}: idle", this);
                    close(CloseReason.IDLE_TIMEOUT, new SocketTimeoutException("idle for " + settings.idleTimeout()));
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    peerHalfClosed = true;
                    break;
                }
                lastActivityNanos = System.nanoTime();
                bytesIn += n;
                try {
                    codec.decode(buffer, 0, n, inbound);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("closing {}: {}", this, e.toString());
                    close(CloseReason.PROTOCOL_ERROR, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                LOG.debug("closing {}: {}", this, e.toString());
                close(CloseReason.IO_ERROR, e);
            }
        }
        if (peerHalfClosed) {
            finishWriting();
            close(CloseReason.PEER_CLOSED, new EOFException("the peer closed the connection"));
        }
        close();
        // Listeners run here, on the reader thread, never on a thread that called send() or close().
        for (Runnable listener : closeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("close listener failed", e);
            }
        }
    }

    private void finishWriting() {
        if (outbox.offer(END_OF_STREAM)) {
            try {
                writerDone.await(settings.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            List<byte[]> batch = new ArrayList<>();
            while (!isClosed()) {
                batch.add(outbox.take());
                outbox.drainTo(batch);
                int end = batch.indexOf(END_OF_STREAM);
                List<byte[]> frames = end < 0 ? batch : batch.subList(0, end);
                ByteArrayOutputStream encoded = new ByteArrayOutputStream();
                codec.encode(frames, encoded);
                encoded.writeTo(out);
                out.flush();
                bytesOut += encoded.size();
                lastActivityNanos = System.nanoTime();
                if (end >= 0) {
                    CloseReason after = closeAfterWriting;
                    if (after != null) {
                        close(after);
                    }
                    return;
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                LOG.debug("closing {}: write failed: {}", this, e.toString());
                close(CloseReason.IO_ERROR, e);
            }
        } finally {
            writerDone.countDown();
        }
    }

    /**
     * Closes the socket at once, dropping unsent frames. Idempotent and cheap, so any thread may call
     * it; the close listeners then run on the reader thread as {@link #run} returns.
     */
    @Override
    public void close() {
        close(CloseReason.LOCAL_CLOSE);
    }

    /**
     * Like {@link #close()}, recording {@code reason} (e.g. {@link CloseReason#SERVER_STOPPING}) as
     * why.
     *
     * @param reason why this side closes it
     */
    public void close(CloseReason reason) {
        close(Objects.requireNonNull(reason, "reason"), null);
    }

    private void close(CloseReason reason, Throwable cause) {
        if (!ending.compareAndSet(null, new Ending(reason, cause))) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("socket close failed: {}", e.toString());
        }
        Thread w = writer;
        if (w != null) {
            w.interrupt();
        }
        outbox.clear();
    }

    @Override
    public String toString() {
        return "FramedConnection[" + socket.getRemoteSocketAddress() + "]";
    }
}
