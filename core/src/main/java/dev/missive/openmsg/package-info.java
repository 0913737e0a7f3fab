/**
 * Openmsg 1.0: both handshake roles (initiator, acceptor) and both message roles (sender,
 * recipient) as one I/O-free engine.
 *
 * <p><b>Where to start.</b> {@link dev.missive.openmsg.OpenmsgNode} is the whole protocol for one
 * domain: build it with {@link dev.missive.openmsg.OpenmsgNode#builder()} from a store
 * ({@link dev.missive.openmsg.memory.InMemoryOpenmsgStore}, or {@code JdbcOpenmsgStore} in
 * {@code missive-storage-jdbc}), a {@link dev.missive.openmsg.spi.PeerTransport} (the
 * {@code OkHttpPeerTransport} of {@code missive-transport-http}, or any in-process function), a
 * {@link dev.missive.spi.Clock} and a {@link dev.missive.spi.RandomSource}. Then
 * <ol>
 *   <li>the accepting side adds users ({@link dev.missive.openmsg.OpenmsgNode#addUser}) and hands out
 *       pass codes ({@link dev.missive.openmsg.OpenmsgNode#issuePassCode});</li>
 *   <li>the initiating side runs the handshake with
 *       {@link dev.missive.openmsg.OpenmsgNode#connect} and sends with
 *       {@link dev.missive.openmsg.OpenmsgNode#send};</li>
 *   <li>whatever serves HTTP passes each POST to {@link dev.missive.openmsg.OpenmsgNode#handle} and
 *       writes back the {@link dev.missive.openmsg.OpenmsgReply} ({@code OpenmsgHttpServer} in
 *       {@code missive-transport-http} does this);</li>
 *   <li>received messages are read with {@link dev.missive.openmsg.OpenmsgNode#inbox}.</li>
 * </ol>
 *
 * <pre>{@code
 * OpenmsgNode node = OpenmsgNode.builder()
 *         .domain("example.com")
 *         .store(new InMemoryOpenmsgStore())
 *         .transport(OkHttpPeerTransport.create())   // missive-transport-http
 *         .clock(Clock.system())
 *         .random(RandomSource.secure())
 *         .build();
 * node.addUser("1000000", "Alice");
 * OpenmsgAddress alice = node.address("1000000");
 * Secret passCode = Secret.ofText(typedCode); // the six digits Bob's node issued to Bob
 * ConnectResult connected = node.connect(alice, OpenmsgAddress.parse("2000000*example.org"), passCode);
 * if (connected.isConnected()) {
 *     SendResult sent = node.send(alice, OpenmsgAddress.parse("2000000*example.org"), "Hello Bob!");
 * }
 * List<InboxMessage> received = node.inbox("1000000");
 * }</pre>
 *
 * Outcomes are typed ({@link dev.missive.openmsg.ConnectResult},
 * {@link dev.missive.openmsg.SendResult}); progress is reported as
 * {@link dev.missive.openmsg.OpenmsgEvent}s. Every deviation from the PHP reference, and why, is in
 * {@code docs/openmsg.md}; the engine pattern is in {@code docs/ARCHITECTURE.md}.
 */
package dev.missive.openmsg;
