package dev.missive.smp.spi;

import dev.missive.smp.model.QueueId;
import java.util.Arrays;
import java.util.Objects;

/**
 * A queue as the server stores it. Keys are the bytes the client sent (X.509 SPKI DER with the
 * standard signature scheme). Immutable; arrays are copied in and out.
 *
 * @param recipientId  {@code RID}
 * @param senderId     {@code SID}, different from every RID and SID on the server
 * @param recipientKey {@code RK}, verifies recipient commands
 * @param senderKey    {@code SK} once the queue is secured with {@code KEY}, otherwise null
 * @param status       active or suspended
 */
public record QueueRecord(
        QueueId recipientId, QueueId senderId, byte[] recipientKey, byte[] senderKey, QueueStatus status) {

    /** Checks the components and keeps its own copies of the arrays. */
    public QueueRecord {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(status, "status");
        if (recipientId.equals(senderId)) {
            throw new IllegalArgumentException("RID and SID must differ");
        }
        recipientKey = recipientKey.clone();
        senderKey = senderKey == null ? null : senderKey.clone();
    }

    /**
     * A new, active, unsecured queue.
     *
     * @param recipientId the ID the recipient uses (RID)
     * @param senderId the ID senders use (SID)
     * @param recipientKey the encoded public key {@code RK} that signs the recipient's commands
     * @return the record
     */
    public static QueueRecord create(QueueId recipientId, QueueId senderId, byte[] recipientKey) {
        return new QueueRecord(recipientId, senderId, recipientKey, null, QueueStatus.ACTIVE);
    }

    /**
     * Returns a copy of the recipient key: the record keeps its own.
     *
     * @return a copy of the key
     */
    @Override
    public byte[] recipientKey() {
        return recipientKey.clone();
    }

    /**
     * Returns a copy of the sender key: the record keeps its own.
     *
     * @return a copy of the key, or {@code null} while the queue is unsecured
     */
    @Override
    public byte[] senderKey() {
        return senderKey == null ? null : senderKey.clone();
    }

    /**
     * Whether {@code KEY} has set a sender key.
     *
     * @return {@code true} once a sender key is set
     */
    public boolean secured() {
        return senderKey != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueRecord q
                && recipientId.equals(q.recipientId)
                && senderId.equals(q.senderId)
                && Arrays.equals(recipientKey, q.recipientKey)
                && Arrays.equals(senderKey, q.senderKey)
                && status == q.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipientId, senderId, Arrays.hashCode(recipientKey), Arrays.hashCode(senderKey), status);
    }

    @Override
    public String toString() {
        return "QueueRecord[rid=" + recipientId + ", sid=" + senderId + ", secured=" + secured() + ", " + status + "]";
    }
}
