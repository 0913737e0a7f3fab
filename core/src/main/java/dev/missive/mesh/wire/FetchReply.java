package dev.missive.mesh.wire;

import dev.missive.mesh.model.MeshPacket;
import java.util.List;

/**
 * The answer to every fetch: {@code {"messages": [packet...], "more": bool}}.
 *
 * @param messages the packets
 * @param more     whether the server holds more for the same request (fetch again, or discard first)
 */
public record FetchReply(List<MeshPacket> messages, boolean more) {

    /** Keeps an immutable copy of the list. */
    public FetchReply {
        messages = List.copyOf(messages);
    }
}
