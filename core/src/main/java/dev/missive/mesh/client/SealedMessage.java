package dev.missive.mesh.client;

import dev.missive.mesh.model.MeshMessage;
import dev.missive.mesh.model.MeshPacket;
import java.util.Objects;

/**
 * A packet a client sealed, with the message inside it (for the sender's own history: its id is
 * what EDIT, DELETE and REACT refer to).
 *
 * @param packet  what to send
 * @param message what it carries
 */
public record SealedMessage(MeshPacket packet, MeshMessage message) {

    /** Checks the components. */
    public SealedMessage {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(message, "message");
    }
}
