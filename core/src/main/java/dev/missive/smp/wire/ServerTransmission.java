package dev.missive.smp.wire;

import dev.missive.smp.model.QueueId;
import java.util.Objects;

/**
 * A transmission from the server: never signed.
 *
 * @param queueId the connId line (the RID for {@code MSG}/{@code END}, the command's connId for
 *                {@code OK}/{@code ERR}), null when empty ({@code IDS}, unparseable commands)
 * @param message the server message
 */
public record ServerTransmission(QueueId queueId, ServerMessage message) {

    /** Checks the components. */
    public ServerTransmission {
        Objects.requireNonNull(message, "message");
    }
}
