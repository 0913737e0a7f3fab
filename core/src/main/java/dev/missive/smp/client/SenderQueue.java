package dev.missive.smp.client;

import dev.missive.crypto.X25519PublicKey;
import dev.missive.smp.SigningKey;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.ServerAddress;
import java.util.Objects;

/**
 * A queue this client writes to: from the recipient's invitation plus the sender key {@code SK}
 * this client made for it.
 *
 * @param server        the server holding the queue
 * @param senderId      {@code SID}
 * @param senderKey     {@code SK}
 * @param encryptionKey the recipient's {@code EK} (public)
 */
public record SenderQueue(ServerAddress server, QueueId senderId, SigningKey senderKey, X25519PublicKey encryptionKey) {

    /** Checks the components. */
    public SenderQueue {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(senderKey, "senderKey");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
    }

    @Override
    public String toString() {
        return "SenderQueue[" + server + ", sid=" + senderId + ", keys redacted]";
    }
}
