/**
 * Typed events that engines, transports and stores report to a host's {@link
 * dev.missive.event.EventListener}: protocol steps ({@link dev.missive.event.ProtocolEvent}, one
 * sealed family per protocol), connections ({@link dev.missive.event.ConnectionEvent}) and stores
 * ({@link dev.missive.event.StoreEvent}). Events carry identifiers, counts and error codes only —
 * never keys, codes, message contents or hashes of secrets — so any of them may be logged as is.
 *
 * <p><b>Where to start.</b> Implement {@link dev.missive.event.EventListener} (each method has an
 * empty default, so override only the kinds you care about) and pass it to an engine's or a
 * server's builder with {@code eventListener(...)}; {@link dev.missive.event.LoggingEventListener}
 * logs everything through SLF4J, and {@link dev.missive.event.EventListener#all} combines several
 * listeners. Every event is a record, so a {@code switch} with record patterns takes it apart:
 *
 * <pre>{@code
 * EventListener metrics = new EventListener() {
 *     @Override
 *     public void onProtocolEvent(ProtocolEvent event) {
 *         switch (event) {
 *             case SmpEvent.MessageAccepted accepted -> bytesStored.add(accepted.bytes());
 *             case OpenmsgEvent.PeerCallFailed failed -> peerFailures.increment(failed.reason());
 *             default -> {}
 *         }
 *     }
 * };
 * SmpServer server = SmpServer.builder()
 *         // ... stores, clock, random ...
 *         .eventListener(EventListener.all(new LoggingEventListener(), metrics))
 *         .build();
 * }</pre>
 *
 * Listeners are called on the thread doing the work, so they should return quickly; an exception a
 * listener throws is dropped ({@link dev.missive.event.EventListener#contained}) and never disturbs
 * a protocol step.
 */
package dev.missive.event;
