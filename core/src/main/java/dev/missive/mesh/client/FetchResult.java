package dev.missive.mesh.client;

import dev.missive.mesh.model.PacketHash;
import java.util.List;

/**
 * What a client made of one fetch answer.
 *
 * @param messages new, verified messages, in the server's order
 * @param fetched  the hash of every packet in the answer, verified or dropped: what to discard
 * @param more     whether the server holds more (discard these, then fetch again)
 */
public record FetchResult(List<ReceivedMessage> messages, List<PacketHash> fetched, boolean more) {

    /** Keeps immutable copies of the lists. */
    public FetchResult {
        messages = List.copyOf(messages);
        fetched = List.copyOf(fetched);
    }
}
