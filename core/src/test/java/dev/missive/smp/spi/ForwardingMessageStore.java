package dev.missive.smp.spi;

import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.model.QueueId;
import java.time.Instant;
import java.util.Optional;

/** A message store that hands every call to an in-memory one; tests override what they watch. */
public class ForwardingMessageStore implements MessageStore {

    /** Where every call goes. */
    protected final MessageStore delegate = new InMemoryMessageStore();

    @Override
    public Appended append(QueueId recipientId, StoredMessage message, int quota) {
        return delegate.append(recipientId, message, quota);
    }

    @Override
    public Optional<StoredMessage> peek(QueueId recipientId) {
        return delegate.peek(recipientId);
    }

    @Override
    public boolean deleteHead(QueueId recipientId, byte[] msgId) {
        return delegate.deleteHead(recipientId, msgId);
    }

    @Override
    public Optional<StoredMessage> deleteHeadAndPeek(QueueId recipientId, byte[] msgId) {
        return delegate.deleteHeadAndPeek(recipientId, msgId);
    }

    @Override
    public int count(QueueId recipientId) {
        return delegate.count(recipientId);
    }

    @Override
    public int expireOlderThan(QueueId recipientId, Instant cutoff) {
        return delegate.expireOlderThan(recipientId, cutoff);
    }

    @Override
    public int expireOlderThan(Instant cutoff) {
        return delegate.expireOlderThan(cutoff);
    }

    @Override
    public int deleteQueue(QueueId recipientId) {
        return delegate.deleteQueue(recipientId);
    }
}
