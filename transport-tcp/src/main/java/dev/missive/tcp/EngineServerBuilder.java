package dev.missive.tcp;

import dev.missive.event.EventListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What every protocol adapter's server builder shares ({@link dev.missive.tcp.smp.SmpTcpServer},
 * {@link dev.missive.tcp.emsg.EmsgTcpServer}): the {@link TcpServer} options it passes on (address,
 * backlog, connection limits and bound, event listener), the engine's clean-up interval and the
 * callback once listening. A subclass adds its protocol's options and starts the server with
 * {@link #startTcp}.
 *
 * @param <B> the concrete builder, returned by every option so that calls chain
 */
public abstract class EngineServerBuilder<B extends EngineServerBuilder<B>> {

    private final TcpServer.Builder tcp;
    private Duration cleanUpInterval = Duration.ofMinutes(1);
    private Consumer<InetSocketAddress> onListening = address -> {};

    /**
     * Starts with the {@link TcpServer} defaults and the protocol's port.
     *
     * @param protocol the protocol's short name, in events and thread names
     * @param defaultPort the port bound unless {@link #port} says otherwise
     */
    protected EngineServerBuilder(String protocol, int defaultPort) {
        this.tcp = TcpServer.builder(protocol).port(defaultPort);
    }

    /**
     * This builder as its concrete type.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * The underlying server's builder, for an option only one protocol has (EMSG's TLS).
     *
     * @return the {@link TcpServer} builder this one configures
     */
    protected final TcpServer.Builder tcp() {
        return tcp;
    }

    /**
     * Address to bind (default {@code 127.0.0.1}).
     *
     * @param host the host name or IP literal of the local interface; {@code 0.0.0.0} for all
     * @return this builder
     */
    public B host(String host) {
        tcp.host(host);
        return self();
    }

    /**
     * Port to bind; 0 picks a free one (default the protocol's port: 5223 for SMP, 5888 for EMSG).
     *
     * @param port the TCP port, 0 to 65535
     * @return this builder
     */
    public B port(int port) {
        tcp.port(port);
        return self();
    }

    /**
     * Listen backlog (default 1,024).
     *
     * @param backlog the most pending connections the operating system queues
     * @return this builder
     */
    public B backlog(int backlog) {
        tcp.backlog(backlog);
        return self();
    }

    /**
     * Per-connection limits: handshake and idle timeouts, outbox, close grace (default
     * {@link ConnectionSettings#DEFAULTS}).
     *
     * @param settings the limits
     * @return this builder
     */
    public B settings(ConnectionSettings settings) {
        tcp.settings(settings);
        return self();
    }

    /**
     * Most connections open at once (default 20,000); more are closed right after accept.
     *
     * @param max the connection limit; positive
     * @return this builder
     */
    public B maxConnections(int max) {
        tcp.maxConnections(max);
        return self();
    }

    /**
     * Receives the connection events, under the protocol's name (default none).
     *
     * @param listener the listener
     * @return this builder
     */
    public B eventListener(EventListener listener) {
        tcp.eventListener(listener);
        return self();
    }

    /**
     * How often the engine's expired state is cleaned up (default one minute; starting refuses one
     * under a millisecond).
     *
     * @param interval the time between two clean-ups
     * @return this builder
     */
    public B cleanUpInterval(Duration interval) {
        this.cleanUpInterval = Objects.requireNonNull(interval, "interval");
        return self();
    }

    /**
     * Called once with the bound address when the server is ready.
     *
     * @param callback receives the bound address
     * @return this builder
     */
    public B onListening(Consumer<InetSocketAddress> callback) {
        this.onListening = Objects.requireNonNull(callback, "callback");
        return self();
    }

    /**
     * Binds and starts the {@link TcpServer} for {@code handler}, running {@code cleanUp} every
     * clean-up interval until it closes (expiry is data, not a timer in the engine: the host sweeps).
     *
     * @param cleanUp the engine's clean-up
     * @param handler the protocol's side of each connection
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    protected final TcpServer startTcp(Runnable cleanUp, ConnectionHandler handler) throws IOException {
        return tcp.periodicTask(cleanUpInterval, cleanUp).start(handler);
    }

    /**
     * Tells the {@link #onListening} callback that the server is ready.
     *
     * @param address the bound address
     */
    protected final void listening(InetSocketAddress address) {
        onListening.accept(address);
    }
}
