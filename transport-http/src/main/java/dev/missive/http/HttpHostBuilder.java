package dev.missive.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What the builders of the protocol HTTP hosts share ({@link dev.missive.http.openmsg.OpenmsgHttpServer},
 * {@link dev.missive.http.osms.OsmsHttpServer}, {@link dev.missive.http.mesh.MeshHttpServer}): the
 * address, port and backlog passed on to the {@link EmbeddedHttpServer}, and how often the host runs
 * its engine's {@code cleanUp()}. A subclass adds its protocol's options and builds the embedded
 * server with {@link #embeddedServer}. The transport-tcp counterpart is {@code EngineServerBuilder}.
 *
 * @param <B> the concrete builder, returned by every option so that calls chain
 */
public abstract class HttpHostBuilder<B extends HttpHostBuilder<B>> {

    private String host = "127.0.0.1";
    private int port;
    private int backlog = 128;
    private Duration cleanUpInterval = Duration.ofMinutes(1);

    /** Starts with {@code 127.0.0.1}, a free port, a backlog of 128 and a clean-up every minute. */
    protected HttpHostBuilder() {}

    /**
     * This builder as its concrete type.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * The address to bind; default {@code 127.0.0.1}.
     *
     * @param host the host name or IP literal of the local interface; {@code 0.0.0.0} for all
     * @return this builder
     */
    public B host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return self();
    }

    /**
     * The port to bind; 0 (the default) picks a free one.
     *
     * @param port the TCP port, 0 to 65535
     * @return this builder
     */
    public B port(int port) {
        this.port = port;
        return self();
    }

    /**
     * The TCP accept backlog; default 128.
     *
     * @param backlog the most pending connections the operating system queues
     * @return this builder
     */
    public B backlog(int backlog) {
        this.backlog = backlog;
        return self();
    }

    /**
     * How often the host runs its engine's {@code cleanUp()} (expired codes, sessions, nonces and
     * whatever else the engine keeps for a while); default one minute.
     *
     * @param interval the time between two clean-ups, at least 1 ms
     * @return this builder
     */
    public B cleanUpInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("cleanUpInterval must be at least 1 ms");
        }
        this.cleanUpInterval = interval;
        return self();
    }

    /**
     * An embedded server builder for {@code handler} with this builder's address, port and backlog.
     *
     * @param handler answers every request
     * @return the embedded server's builder, for the protocol's own options (body cap, TLS)
     */
    protected final EmbeddedHttpServer.Builder embeddedServer(RequestHandler handler) {
        return EmbeddedHttpServer.builder(handler).host(host).port(port).backlog(backlog);
    }

    /**
     * The clean-up interval chosen with {@link #cleanUpInterval(Duration)}.
     *
     * @return the time between two clean-ups
     */
    protected final Duration cleanUpEvery() {
        return cleanUpInterval;
    }
}
