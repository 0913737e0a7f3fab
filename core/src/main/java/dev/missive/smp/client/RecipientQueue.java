package dev.missive.smp.client;

import dev.missive.crypto.X25519PrivateKey;
import dev.missive.smp.SigningKey;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.ServerAddress;
import java.util.Objects;

/**
 * A queue this client reads: its IDs, the recipient key {@code RK} that signs its commands and the
 * private half of the body encryption key {@code EK}. Secret parts are never printed.
 *
 * @param server        the server holding the queue
 * @param recipientId   {@code RID}
 * @param senderId      {@code SID} (given to the sender in the invitation; binds the body encryption)
 * @param recipientKey  {@code RK}
 * @param encryptionKey {@code EK} (private)
 */
public record RecipientQueue(
        ServerAddress server,
        QueueId recipientId,
        QueueId senderId,
        SigningKey recipientKey,
        X25519PrivateKey encryptionKey) {

    /** Checks the components. */
    public RecipientQueue {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientKey, "recipientKey");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
    }

    /**
     * The out-of-band invitation for this queue's sender.
     *
     * @return the invitation, holding the server, the sender ID and the encryption key {@code EK}
     */
    public Invitation invitation() {
        return new Invitation(server, senderId, encryptionKey.publicKey());
    }

    @Override
    public String toString() {
        return "RecipientQueue[" + server + ", rid=" + recipientId + ", keys redacted]";
    }
}
