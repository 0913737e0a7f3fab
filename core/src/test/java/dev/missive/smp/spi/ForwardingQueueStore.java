package dev.missive.smp.spi;

import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import java.util.Optional;

/**
 * A queue store that hands every call to an in-memory one; tests override what they watch. Not an
 * {@link InMemoryQueueStore} itself, so a server treats it as any other store.
 */
public class ForwardingQueueStore implements QueueStore {

    /** Where every call goes. */
    protected final QueueStore delegate = new InMemoryQueueStore();

    @Override
    public boolean create(QueueRecord queue) {
        return delegate.create(queue);
    }

    @Override
    public Optional<QueueRecord> findByRecipientId(QueueId recipientId) {
        return delegate.findByRecipientId(recipientId);
    }

    @Override
    public Optional<QueueRecord> findBySenderId(QueueId senderId) {
        return delegate.findBySenderId(senderId);
    }

    @Override
    public boolean secure(QueueId recipientId, byte[] senderKey) {
        return delegate.secure(recipientId, senderKey);
    }

    @Override
    public boolean suspend(QueueId recipientId) {
        return delegate.suspend(recipientId);
    }

    @Override
    public boolean delete(QueueId recipientId) {
        return delegate.delete(recipientId);
    }
}
