package dev.missive.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * The life of a server command after start-up: bind (a failure names the address), announce
 * {@code listening on H:P}, then serve until {@link #stop()} (tests) or the end of the process
 * (SIGINT/SIGTERM, through a shutdown hook that is removed again afterwards).
 */
public final class UntilStopped {

    private final CountDownLatch stop = new CountDownLatch(1);

    /** A server command's stop signal, not yet given. */
    public UntilStopped() {}

    /**
     * Starts a server on the address of {@code listen}.
     *
     * @param <S> the running server
     * @param listen the listen options, for the failure message
     * @param start binds and starts the server
     * @return the running server
     * @throws CommandFailure naming the address if it cannot be bound
     */
    public static <S> S start(ListenOptions listen, Starter<S> start) {
        try {
            return start.start();
        } catch (IOException e) {
            throw listen.cannotListen(e);
        }
    }

    /**
     * Announces the server on {@code boundPort} ({@link ListenOptions#announce}) and blocks until
     * {@link #stop()} or the end of the process.
     *
     * @param name the command's name, for the shutdown hook's thread
     * @param listen the listen options
     * @param out where the announcement goes
     * @param boundPort the port the server bound
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void serve(String name, ListenOptions listen, PrintWriter out, int boundPort) throws InterruptedException {
        Thread hook = new Thread(stop::countDown, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            listen.announce(out, boundPort);
            stop.await();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting: the hook is running or ran.
            }
        }
    }

    /** Ends {@link #serve}. */
    public void stop() {
        stop.countDown();
    }

    /**
     * Binds and starts a server.
     *
     * @param <S> the running server
     */
    @FunctionalInterface
    public interface Starter<S> {
        /**
         * Binds and starts.
         *
         * @return the running server
         * @throws IOException if the address cannot be bound
         */
        S start() throws IOException;
    }
}
