package dev.missive.smp.spi;

import dev.missive.smp.model.QueueId;

/**
 * What the SMP server instances sharing one database tell each other, and the one fact they share
 * besides queues and messages: which instance holds each queue's subscription. {@code docs/smp.md}
 * ("Several instances on one database") describes how the engine uses it.
 *
 * <p>The engine calls {@link #publish} after a change is committed; the host delivers the signals
 * of the other instances (never this instance's own) to {@code SmpServer.onRemoteSignal}. One
 * instance alone on its stores uses {@link #SINGLE}. Implementations must be thread-safe.
 */
public interface SmpCluster {

    /** One instance alone on its stores: nobody to tell, and it holds every subscription it has. */
    SmpCluster SINGLE = new SmpCluster() {
        @Override
        public void publish(QueueSignal signal) {
            // No other instance.
        }

        @Override
        public void claimSubscription(QueueId recipientId) {
            // No other instance can hold it.
        }

        @Override
        public boolean holdsSubscription(QueueId recipientId) {
            return true;
        }
    };

    /**
     * Tells the other instances about a committed change. Never throws: a signal that cannot be sent
     * is dropped, and the instances that missed it catch up with {@code SmpServer.onSignalsLost} once
     * they hear from the database again.
     *
     * @param signal the change
     */
    void publish(QueueSignal signal);

    /**
     * Records, shared and committed when it returns, that this instance now holds the queue's
     * subscription.
     *
     * @param recipientId the queue's recipient ID
     */
    void claimSubscription(QueueId recipientId);

    /**
     * Whether this instance made the last claim of the queue's subscription (or no instance claimed
     * it).
     *
     * @param recipientId the queue's recipient ID
     * @return {@code true} if this instance holds the subscription
     */
    boolean holdsSubscription(QueueId recipientId);
}
