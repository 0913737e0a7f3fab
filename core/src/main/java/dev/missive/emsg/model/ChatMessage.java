package dev.missive.emsg.model;

import java.util.Objects;

/**
 * A {@code chat} message, to one user ({@code recipient}) or to a group ({@code group_id}).
 *
 * @param id              message id (UUID)
 * @param sender          author
 * @param recipient       addressee of a one-to-one message, or null
 * @param group           group of a group message, or null
 * @param timestampMillis when written
 * @param body            the text
 * @param signature       the author's signature
 * @param json            the exact JSON as signed
 */
public record ChatMessage(
        String id,
        EmsgAddress sender,
        EmsgAddress recipient,
        GroupId group,
        long timestampMillis,
        String body,
        MessageSignature signature,
        String json)
        implements EmsgMessage {

    /** Checks that exactly one of recipient and group is set. */
    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(json, "json");
        if ((recipient == null) == (group == null)) {
            throw new IllegalArgumentException("a chat message has either a recipient or a group_id");
        }
    }
}
