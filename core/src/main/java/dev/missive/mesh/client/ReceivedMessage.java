package dev.missive.mesh.client;

import dev.missive.mesh.model.MeshMessage;
import dev.missive.mesh.model.PacketHash;
import java.util.Objects;

/**
 * A message a client opened and verified.
 *
 * @param hash    the packet hash (what {@code discard} names)
 * @param message the message; {@code message.sender()} is the verified sender key
 */
public record ReceivedMessage(PacketHash hash, MeshMessage message) {

    /** Checks the components. */
    public ReceivedMessage {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(message, "message");
    }
}
