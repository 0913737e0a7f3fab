package dev.missive.smp.client;

/**
 * Receives what arrives on a {@link RecipientQueue}; called on the transport's reader thread. The
 * server sends the next message only after {@link SmpClient#acknowledge}.
 */
public interface QueueHandler {

    /** A message arrived (possibly again, after a reconnection: compare {@code msgId}). */
    void onMessage(RecipientQueue queue, ReceivedMessage message);

    /** Another connection subscribed to the queue; this one gets nothing more for it. */
    default void onEnd(RecipientQueue queue) {}
}
