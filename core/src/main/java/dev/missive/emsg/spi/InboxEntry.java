package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A message delivered to a local user's inbox.
 *
 * @param owner      whose inbox
 * @param sender     the message's sender
 * @param messageId  the message's id
 * @param json       the message exactly as signed
 * @param receivedAt when this server accepted it
 */
public record InboxEntry(EmsgAddress owner, EmsgAddress sender, String messageId, String json, Instant receivedAt) {

    /** Checks the components. */
    public InboxEntry {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
