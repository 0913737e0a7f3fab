package dev.missive.smp.client;

import dev.missive.smp.ServerSession;
import dev.missive.smp.SmpServer;
import dev.missive.smp.TransmissionSink;
import dev.missive.smp.model.ServerAddress;
import dev.missive.testing.SeededRandom;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Connects {@link SmpClient}s to {@link SmpServer}s in one process, the way a transport does: each
 * direction of each connection is delivered in order by its own thread, never re-entering the
 * sender. Records every byte the clients send so tests can check what the server saw.
 */
final class InProcessNetwork implements AutoCloseable {

    private final List<ExecutorService> threads = new ArrayList<>();
    private final List<ServerSession> sessions = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final ByteArrayOutputStream seenByServers = new ByteArrayOutputStream();
    private long seed = 100;

    /** A client connected to {@code server}, known to peers as {@code address}. */
    SmpClient connect(SmpServer server, ServerAddress address) {
        ExecutorService toServer = Executors.newSingleThreadExecutor();
        ExecutorService toClient = Executors.newSingleThreadExecutor();
        threads.add(toServer);
        threads.add(toClient);
        SmpClient[] client = new SmpClient[1];
        ServerSession session = server.openSession(async(toClient, bytes -> client[0].onBytes(bytes, 0, bytes.length)));
        sessions.add(session);
        client[0] = new SmpClient(
                address,
                async(toServer, bytes -> {
                    record(bytes);
                    session.onBytes(bytes, 0, bytes.length);
                }),
                new SeededRandom(seed++));
        return client[0];
    }

    private static TransmissionSink async(ExecutorService thread, Consumer<byte[]> target) {
        return frame -> {
            byte[] copy = frame.clone();
            thread.execute(() -> target.accept(copy));
        };
    }

    private void record(byte[] bytes) {
        lock.lock();
        try {
            seenByServers.writeBytes(bytes);
        } finally {
            lock.unlock();
        }
    }

    /** Everything clients sent to servers so far. */
    byte[] seenByServers() {
        lock.lock();
        try {
            return seenByServers.toByteArray();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        sessions.forEach(ServerSession::close);
        threads.forEach(ExecutorService::shutdownNow);
    }
}
