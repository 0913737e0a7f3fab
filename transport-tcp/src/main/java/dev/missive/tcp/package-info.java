/**
 * Blocking TCP on virtual threads, with no protocol knowledge: the server a protocol adapter builds
 * on ({@link dev.missive.tcp.TcpServer}), the connection it hands each session
 * ({@link dev.missive.tcp.FramedConnection}: a reader, a non-blocking {@code send} and a bounded
 * outbox), and the seams a protocol fills in ({@link dev.missive.tcp.ConnectionHandler} for the
 * opening handshake and the session, {@link dev.missive.tcp.WireCodec} for a transport encoding,
 * {@link dev.missive.tcp.GreetingFilter} for a greeting line), and the builder options every
 * adapter's server shares ({@link dev.missive.tcp.EngineServerBuilder}).
 *
 * <p><b>Where to start.</b> To serve a protocol that Missive already adapts, use its adapter, e.g.
 * {@link dev.missive.tcp.smp.SmpTcpServer}. To serve a new one, give
 * {@link dev.missive.tcp.TcpServer#builder(String)} a {@link dev.missive.tcp.ConnectionHandler}:
 *
 * <pre>{@code
 * try (TcpServer server = TcpServer.builder("echo")
 *         .port(0)                                          // a free port
 *         .settings(ConnectionSettings.DEFAULTS.withIdleTimeout(Duration.ofMinutes(5)))
 *         .eventListener(new LoggingEventListener())
 *         .start(connection -> (bytes, off, len) ->
 *                 connection.send(Arrays.copyOfRange(bytes, off, off + len)))) {
 *     System.out.println("listening on " + server.address());
 * }
 * }</pre>
 *
 * Every limit of a connection (handshake and idle timeouts, outbox size, close grace) is in
 * {@link dev.missive.tcp.ConnectionSettings}; the server reports each connection's life as
 * {@link dev.missive.event.ConnectionEvent}s.
 */
package dev.missive.tcp;
