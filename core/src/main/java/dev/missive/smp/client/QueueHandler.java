package dev.missive.smp.client;

/**
 * Receives what arrives on a {@link RecipientQueue}; called on the transport's reader thread. The
 * server sends the next message only after {@link SmpClient#acknowledge}.
 */
public interface QueueHandler {

    /**
     * A message arrived (possibly again, after a reconnection: compare {@code msgId}).
     *
     * @param queue the queue the message arrived on
     * @param message the decrypted message and its ID
     */
    void onMessage(RecipientQueue queue, ReceivedMessage message);

    /**
     * Another connection subscribed to the queue; this one gets nothing more for it.
     *
     * @param queue the queue this connection lost
     */
    default void onEnd(RecipientQueue queue) {}
}
