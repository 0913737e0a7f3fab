package dev.missive.emsg.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.spi.ProfileValue;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Frames;
import dev.missive.emsg.wire.Handshake;
import dev.missive.emsg.wire.Ids;
import dev.missive.emsg.wire.MessageCodec;
import dev.missive.emsg.wire.Signatures;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client side of ESMP without I/O: builds the lines a user's client sends (handshake, signed
 * messages and group events, queries) and reads the server's replies. A transport writes each line,
 * reads one reply per line and passes it to {@link #parseReply} ({@code docs/emsg.md}, "Client").
 */
public final class EmsgClient {

    /** Longest chat body the client accepts from servers when decoding inbox messages. */
    private static final int MAX_BODY = 1 << 20;

    private final EmsgAddress address;
    private final EmsgSigningKey key;
    private final Clock clock;
    private final RandomSource random;
    private String serverDomain;

    /**
     * A client for one user.
     *
     * @param address the user
     * @param key     the user's signing key
     * @param clock   the time source of message timestamps
     * @param random  the source of message ids
     */
    public EmsgClient(EmsgAddress address, EmsgSigningKey key, Clock clock, RandomSource random) {
        this.address = Objects.requireNonNull(address, "address");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The user.
     *
     * @return the address this client logs in as
     */
    public EmsgAddress address() {
        return address;
    }

    /**
     * The first line.
     *
     * @return a client {@code hello}
     */
    public String hello() {
        return Frames.hello("client", null, null);
    }

    /**
     * Reads the server's hello and answers with {@code auth}.
     *
     * @param reply the server's line
     * @return the {@code auth} line
     * @throws EmsgException the server's error, {@code 505} on a MAJOR mismatch, {@code 403} if the server
     *     is not the user's home server
     */
    public String onHello(String reply) throws EmsgException {
        return Handshake.clientAuth(address, home(reply), key);
    }

    /**
     * Reads the server's hello and answers with {@code register} (creating the account with this key).
     *
     * @param reply the server's line
     * @return the {@code register} line
     * @throws EmsgException as {@link #onHello}
     */
    public String onHelloRegister(String reply) throws EmsgException {
        return Handshake.register(address, home(reply), key);
    }

    private Handshake.ServerHello home(String reply) throws EmsgException {
        Handshake.ServerHello hello = Handshake.readServerHello(reply);
        if (!hello.domain().equals(address.domain())) {
            throw new EmsgException(EmsgError.FORBIDDEN, "server is not this user's home server");
        }
        serverDomain = hello.domain();
        return hello;
    }

    /**
     * Reads the answer to {@code auth} or {@code register}.
     *
     * @param reply the server's line
     * @throws EmsgException the refusal
     */
    public void onAuthReply(String reply) throws EmsgException {
        Handshake.readOk(reply);
    }

    /**
     * A line the client sends and the id it will be acknowledged with.
     *
     * @param id   the message id (null for queries)
     * @param line the line
     */
    public record Outgoing(String id, String line) {}

    /**
     * A one-to-one chat message.
     *
     * @param to   the recipient
     * @param text the body
     * @return the signed line
     */
    public Outgoing chat(EmsgAddress to, String text) {
        ObjectNode m = message("chat");
        m.put("recipient", to.toString());
        m.put("body", Objects.requireNonNull(text, "text"));
        return sign(m);
    }

    /**
     * A group chat message.
     *
     * @param group the group
     * @param text  the body
     * @return the signed line
     */
    public Outgoing groupChat(GroupId group, String text) {
        ObjectNode m = message("chat");
        m.put("group_id", group.toString());
        m.put("body", Objects.requireNonNull(text, "text"));
        return sign(m);
    }

    /**
     * A fresh group id on the user's home domain: {@code g-<uuid>#domain}.
     *
     * @return the id
     */
    public GroupId newGroupId() {
        return GroupId.parse("g-" + Ids.uuid(random) + "#" + address.domain());
    }

    /**
     * {@code group_created}.
     *
     * @param group the new group's id (see {@link #newGroupId()})
     * @param name  its name
     * @return the signed line
     */
    public Outgoing createGroup(GroupId group, String name) {
        ObjectNode m = groupEvent(SystemEvent.GROUP_CREATED, group, null);
        m.put("group_name", name);
        return sign(m);
    }

    /**
     * A group event naming a member: {@code joined} (invite), {@code removed}, {@code admin_assigned},
     * {@code admin_revoked}.
     *
     * @param event  the event
     * @param group  the group
     * @param member the target
     * @return the signed line
     */
    public Outgoing memberEvent(SystemEvent event, GroupId group, EmsgAddress member) {
        return sign(groupEvent(event, group, Objects.requireNonNull(member, "member")));
    }

    /**
     * {@code left}.
     *
     * @param group the group
     * @return the signed line
     */
    public Outgoing leave(GroupId group) {
        return sign(groupEvent(SystemEvent.LEFT, group, null));
    }

    /**
     * {@code group_renamed}, {@code description_updated} or {@code dp_updated}.
     *
     * @param event the event
     * @param group the group
     * @param value the new name, description or picture URL
     * @return the signed line
     */
    public Outgoing metadataEvent(SystemEvent event, GroupId group, String value) {
        ObjectNode m = groupEvent(event, group, null);
        String member = switch (event) {
            case GROUP_RENAMED -> "group_name";
            case DESCRIPTION_UPDATED -> "description";
            case DP_UPDATED -> "display_picture";
            default -> throw new IllegalArgumentException("not a metadata event");
        };
        m.put(member, value);
        return sign(m);
    }

    private ObjectNode groupEvent(SystemEvent event, GroupId group, EmsgAddress target) {
        ObjectNode m = message("system");
        m.put("event", event.wireName());
        m.put("group_id", group.toString());
        if (target != null) {
            m.put("target", target.toString());
        }
        return m;
    }

    private ObjectNode message(String type) {
        ObjectNode m = EmsgJson.object();
        m.put("type", type);
        m.put("id", Ids.uuid(random));
        m.put("sender", address.toString());
        m.put("timestamp", clock.now().toEpochMilli());
        return m;
    }

    private Outgoing sign(ObjectNode m) {
        String id = m.get("id").textValue();
        return new Outgoing(id, Signatures.sign(m, key));
    }

    /**
     * {@code inbox}: list received messages without consuming them.
     *
     * @param after only messages after this sequence (0 for all)
     * @param limit at most this many
     * @return the line
     */
    public String inbox(long after, int limit) {
        return EmsgJson.write(
                EmsgJson.object().put("type", "inbox").put("after", after).put("limit", limit));
    }

    /**
     * {@code profile_set}.
     *
     * @param set   fields to set
     * @param clear fields to clear
     * @return the line
     */
    public String profileSet(Map<ProfileField, ProfileValue> set, Set<ProfileField> clear) {
        ObjectNode fields = EmsgJson.object();
        set.forEach((f, v) -> fields.putObject(f.wireName())
                .put("value", v.value())
                .put("visibility", v.visibility().wireName()));
        clear.forEach(f -> fields.putNull(f.wireName()));
        ObjectNode request = EmsgJson.object().put("type", "profile_set");
        request.set("fields", fields);
        return EmsgJson.write(request);
    }

    /**
     * {@code profile_get}: a profile as this user may see it.
     *
     * @param of whose profile
     * @return the line
     */
    public String profileGet(EmsgAddress of) {
        return EmsgJson.write(EmsgJson.object().put("type", "profile_get").put("address", of.toString()));
    }

    /**
     * {@code contact_add}.
     *
     * @param contact the new contact
     * @return the line
     */
    public String contactAdd(EmsgAddress contact) {
        return EmsgJson.write(EmsgJson.object().put("type", "contact_add").put("address", contact.toString()));
    }

    /**
     * {@code group_get}.
     *
     * @param group the group
     * @return the line
     */
    public String groupGet(GroupId group) {
        return EmsgJson.write(EmsgJson.object().put("type", "group_get").put("group_id", group.toString()));
    }

    /**
     * Reads a server reply.
     *
     * @param line the reply
     * @return the reply
     * @throws EmsgException {@code 400} if it is not a well-formed reply
     */
    public static ClientReply parseReply(String line) throws EmsgException {
        ObjectNode node = EmsgJson.parseObject(line);
        String type = node.path("type").asText("");
        return switch (type) {
            case "ack" -> new ClientReply.Ack(EmsgJson.requiredText(node, "id"));
            case "ok" -> new ClientReply.Ok(line);
            case "error" ->
                new ClientReply.Error(Frames.readError(node).withMessageId(EmsgJson.optionalText(node, "id")));
            case "inbox" -> inbox(node);
            case "profile" ->
                new ClientReply.Profile(
                        EmsgJson.requiredText(node, "address"),
                        strings(node.get("fields")),
                        strings(node.get("visibility")));
            case "group" ->
                new ClientReply.Group(
                        EmsgJson.requiredText(node, "group_id"),
                        EmsgJson.requiredText(node, "group_name"),
                        EmsgJson.optionalText(node, "description"),
                        EmsgJson.optionalText(node, "display_picture"),
                        members(node.get("members")));
            default -> new ClientReply.Other(type, line);
        };
    }

    private static ClientReply.Inbox inbox(ObjectNode node) throws EmsgException {
        List<ClientReply.InboxItem> items = new ArrayList<>();
        JsonNode messages = node.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "inbox without messages");
        }
        for (JsonNode m : messages) {
            items.add(new ClientReply.InboxItem(
                    m.path("seq").asLong(),
                    Instant.ofEpochMilli(m.path("received_at").asLong()),
                    MessageCodec.decode(EmsgJson.requiredText(m, "message"), MAX_BODY)));
        }
        return new ClientReply.Inbox(items, node.path("next").asLong());
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static Map<String, String> members(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null && node.isArray()) {
            for (JsonNode m : node) {
                out.put(m.path("address").asText(), m.path("role").asText());
            }
        }
        return out;
    }
}
