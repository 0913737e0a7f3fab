package dev.missive.smp;

/**
 * Where an engine writes complete encoded transmissions for one transport connection. A server
 * session's sink may be called from other sessions' threads (a {@code SEND} on one connection pushes
 * {@code MSG} to the subscriber's sink, a {@code SUB} pushes {@code END} to the previous subscriber),
 * so the transport must make it thread-safe. It should not block for long: engines call it while
 * holding the per-queue lock that keeps delivery order (enqueue and write on the connection's own
 * writer, or time out and close).
 */
@FunctionalInterface
public interface TransmissionSink {

    /**
     * Writes one complete encoded transmission (or several concatenated ones).
     *
     * @param frame the encoded bytes; the sink may keep the array, so the caller must not change it
     *     afterwards
     */
    void send(byte[] frame);
}
