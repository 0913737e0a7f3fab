/**
 * SimpleX SMP (seed dialect, October 2020): the server engine; the client is in
 * {@link dev.missive.smp.client}.
 *
 * <p><b>Where to start.</b> A server is {@link dev.missive.smp.SmpServer}, built with
 * {@link dev.missive.smp.SmpServer#builder()} from a queue store and a message store
 * ({@link dev.missive.smp.memory.InMemoryQueueStore} and
 * {@link dev.missive.smp.memory.InMemoryMessageStore}, or {@code JdbcQueueStore} and
 * {@code JdbcMessageStore} in {@code missive-storage-jdbc}), a {@link dev.missive.spi.Clock} and a
 * {@link dev.missive.spi.RandomSource}; serve it on TCP with {@code SmpTcpServer} from
 * {@code missive-transport-tcp}, in plain or Appendix A encrypted mode. A client is
 * {@link dev.missive.smp.client.SmpClient} (one connection: queues, invitations, sends,
 * acknowledgements), usually obtained per server from {@code SmpTcpClientPool}; Alice&ndash;Bob
 * conversations are {@link dev.missive.smp.client.DuplexConnection}s. Addresses are
 * {@link dev.missive.smp.model.ServerAddress}es; errors are {@link dev.missive.smp.model.SmpError}
 * codes.
 *
 * <pre>{@code
 * SmpServer engine = SmpServer.builder()
 *         .queueStore(new InMemoryQueueStore())
 *         .messageStore(new InMemoryMessageStore())
 *         .clock(Clock.system())
 *         .random(RandomSource.secure())
 *         .build();
 * // missive-transport-tcp: serve it, and reach it as a client
 * SmpTcpServer server = SmpTcpServer.builder(engine).port(5223).encrypted(rsaPrivateKey).start();
 * ServerAddress address = new ServerAddress("127.0.0.1", 5223, server.keyHash());
 * SmpTcpClientPool pool = new SmpTcpClientPool(); // one connected SmpClient per server
 * DuplexConnection.Initiation alice =
 *         DuplexConnection.initiate(pool.apply(address), pool, bytes -> handle(bytes)).join();
 * String invitation = alice.invitation().toUri(); // out of band to Bob, who calls accept(...)
 * alice.established().join().send("Hello Bob!".getBytes(StandardCharsets.UTF_8));
 * }</pre>
 *
 * <p>Decisions and layouts are in {@code docs/smp.md}; the engine pattern is in
 * {@code docs/ARCHITECTURE.md}.
 */
package dev.missive.smp;
