package dev.missive.emsg.client;

import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A server's answer to a client line, as {@link EmsgClient#parseReply} reads it. */
public sealed interface ClientReply {

    /**
     * {@code ack}: the message was accepted.
     *
     * @param id the message id
     */
    record Ack(String id) implements ClientReply {}

    /**
     * {@code ok}: authentication, registration, {@code profile_set} or {@code contact_add} succeeded.
     *
     * @param line the whole line (it may carry {@code address} or {@code notified})
     */
    record Ok(String line) implements ClientReply {}

    /**
     * {@code error}.
     *
     * @param error the code, message, path, retry-after and message id
     */
    record Error(EmsgException error) implements ClientReply {}

    /**
     * {@code inbox}.
     *
     * @param messages the messages, oldest first
     * @param next     the {@code after} value for the next page
     */
    record Inbox(List<InboxItem> messages, long next) implements ClientReply {}

    /**
     * A message in an inbox answer.
     *
     * @param sequence   its position
     * @param receivedAt when the server accepted it
     * @param message    the message, as signed by its author
     */
    record InboxItem(long sequence, Instant receivedAt, EmsgMessage message) {}

    /**
     * {@code profile}: the fields the asker may see.
     *
     * @param address    whose profile
     * @param fields     field wire name to value
     * @param visibility field wire name to visibility (only when asking about oneself)
     */
    record Profile(String address, Map<String, String> fields, Map<String, String> visibility) implements ClientReply {}

    /**
     * {@code group}: a group's metadata and members.
     *
     * @param groupId        the group
     * @param name           its name
     * @param description    its description, or null
     * @param displayPicture its picture, or null
     * @param members        address to role ({@code owner}, {@code admin}, {@code member}), longest-standing first
     */
    record Group(String groupId, String name, String description, String displayPicture, Map<String, String> members)
            implements ClientReply {}

    /**
     * Any other line (a newer server's reply type).
     *
     * @param type its {@code type}
     * @param line the line
     */
    record Other(String type, String line) implements ClientReply {}
}
