/**
 * What a host supplies to an {@link dev.missive.openmsg.OpenmsgNode}: the state it keeps
 * ({@link dev.missive.openmsg.spi.OpenmsgStore} and the records it exchanges: users, pass codes,
 * pending handshakes, connections, sent messages), how it reaches peers
 * ({@link dev.missive.openmsg.spi.PeerTransport}, one HTTP POST per call) and where peers live
 * ({@link dev.missive.openmsg.spi.PeerLocator}). Implementations ship in
 * {@link dev.missive.openmsg.memory}, {@code missive-storage-jdbc} ({@code JdbcOpenmsgStore}) and
 * {@code missive-transport-http} ({@code OkHttpPeerTransport}); a new store must pass the contract
 * suite in core's test jar.
 */
package dev.missive.openmsg.spi;
