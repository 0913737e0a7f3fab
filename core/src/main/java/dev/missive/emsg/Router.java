package dev.missive.emsg;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgMessage;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import dev.missive.emsg.spi.InboxEntry;
import dev.missive.emsg.spi.OutboxEntry;
import dev.missive.emsg.spi.SeenMark;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Frames;
import dev.missive.emsg.wire.MessageCodec;
import dev.missive.emsg.wire.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Accepting a message: who may send it on this connection, its signature with the sender's key from its
 * home server, de-duplication by (sender, id), then delivery to local inboxes and the outbox
 * ({@code docs/emsg.md}, "Routing").
 */
final class Router {

    /** Where a message came from. */
    sealed interface Source {}

    /** An authenticated client of this server. */
    record FromClient(EmsgAddress user) implements Source {}

    /** An authenticated peer server, submitting its own users' messages. */
    record FromPeer(String domain) implements Source {}

    /** A group's origin server relaying a group message to the listed local members. */
    record Relayed(String domain, List<EmsgAddress> to) implements Source {}

    /** Most recipients in one relay. */
    static final int MAX_RELAY_RECIPIENTS = 1000;

    private final EmsgServer server;

    Router(EmsgServer server) {
        this.server = server;
    }

    /**
     * Accepts a message line.
     *
     * @return the {@code ack} line
     * @throws EmsgException the refusal; its code is the reply's
     */
    String accept(ObjectNode node, String line, Source source) throws EmsgException {
        EmsgMessage message = MessageCodec.decode(node, line, server.config.maxBodyLength());
        try {
            checkSource(message, source);
            Instant now = server.clock.now();
            if (message.timestampMillis() > now.plus(server.config.futureSkew()).toEpochMilli()) {
                throw new EmsgException(EmsgError.TIMESTAMP_OUT_OF_RANGE, "timestamp too far in the future");
            }
            if (!Signatures.verify(
                    node, message.signature(), server.keys.keyOf(message.sender(), message.signature()))) {
                throw new EmsgException(EmsgError.BAD_SIGNATURE);
            }
            String scope = source instanceof Relayed ? EmsgServer.RELAYED_SCOPE : EmsgServer.SEEN_SCOPE;
            SeenMark seen = new SeenMark(scope, seenKey(message), now.plus(server.config.seenWindow()), now);
            // Group traffic: a read that turns a replay away before it can touch the group. A one-to-one
            // message goes straight to the write that records the mark, which answers a replay itself.
            if (message.group() != null || source instanceof Relayed) {
                refuseIfSeen(seen);
            }
            int[] counts = route(message, source, seen);
            server.emit(new EmsgEvent.MessageAccepted(now, type(message), counts[0], counts[1]));
            return Frames.ack(message.id());
        } catch (EmsgException e) {
            throw e.withMessageId(message.id());
        }
    }

    private static String type(EmsgMessage message) {
        return message instanceof ChatMessage
                ? "chat"
                : ((SystemMessage) message).event().wireName();
    }

    /** hex(SHA-256(sender "\n" id)): fits the guard's key limit whatever the address length. */
    static String seenKey(EmsgMessage message) {
        return Encodings.hex(Digests.sha256((message.sender() + "\n" + message.id()).getBytes(StandardCharsets.UTF_8)));
    }

    private void checkSource(EmsgMessage message, Source source) throws EmsgException {
        boolean notice = message instanceof SystemMessage s
                && (s.event() == SystemEvent.PROFILE_UPDATED || s.event() == SystemEvent.DELIVERY_FAILED);
        if (notice != message.sender().isSystem()) {
            throw new EmsgException(EmsgError.FORBIDDEN, "notices come from system#domain, and only notices");
        }
        switch (source) {
            case FromClient client -> {
                if (!message.sender().domain().equals(server.domain)) {
                    throw new EmsgException(EmsgError.SENDER_DOMAIN_MISMATCH, "sender is not of this domain");
                }
                if (!message.sender().equals(client.user())) {
                    throw new EmsgException(EmsgError.FORBIDDEN, "sender is not the authenticated user");
                }
                limit("sender", "u:" + client.user(), server.config.senderRatePerMinute());
            }
            case FromPeer peer -> {
                if (!message.sender().domain().equals(peer.domain())) {
                    throw new EmsgException(EmsgError.SENDER_DOMAIN_MISMATCH, "sender is not of the peer's domain");
                }
                if (message.group() != null) {
                    if (!message.group().origin().equals(server.domain)) {
                        throw new EmsgException(EmsgError.NOT_GROUP_ORIGIN, "this server is not the group's origin");
                    }
                } else if (!message.recipient().domain().equals(server.domain)) {
                    throw new EmsgException(EmsgError.FORBIDDEN, "recipient is not of this domain");
                }
                limit("domain", "d:" + peer.domain(), server.config.domainRatePerMinute());
                limit("sender", "u:" + message.sender(), server.config.senderRatePerMinute());
            }
            case Relayed relay -> {
                if (message.group() == null || !message.group().origin().equals(relay.domain())) {
                    throw new EmsgException(EmsgError.NOT_GROUP_ORIGIN, "only a group's origin relays its traffic");
                }
                limit("domain", "d:" + relay.domain(), server.config.domainRatePerMinute());
            }
        }
    }

    private void limit(String scope, String key, int perMinute) throws EmsgException {
        try {
            server.limiter.take(key, perMinute);
        } catch (EmsgException e) {
            server.emit(new EmsgEvent.RateLimited(server.clock.now(), scope, e.retryAfterMillis()));
            throw e;
        }
    }

    /**
     * Delivers and records {@code seen} with the last store write of the message (one unit with it
     * where the stores share a database); returns {local inbox entries, outbox entries}.
     *
     * @throws EmsgException {@code 409} if {@code seen} was recorded meanwhile (a concurrent duplicate)
     */
    private int[] route(EmsgMessage message, Source source, SeenMark seen) throws EmsgException {
        if (source instanceof Relayed relay) {
            List<InboxEntry> local = new ArrayList<>();
            for (EmsgAddress to : relay.to()) {
                if (to.domain().equals(server.domain)
                        && server.knownAccounts.find(to).isPresent()) {
                    local.add(inboxEntry(to, message));
                }
            }
            return new int[] {appendAll(local, seen), 0};
        }
        GroupId group = message.group();
        if (group == null) {
            return routeDirect(message, source, seen);
        }
        if (!group.origin().equals(server.domain)) {
            // A local member's message for a remote group: the origin decides and relays it.
            OutboxEntry entry = server.outboxLogic.entry(
                    group.origin(), message.sender(), message.id(), message.json(), message.sender());
            return new int[] {0, enqueueAll(List.of(entry), seen)};
        }
        return server.groupEngine.locked(group, () -> {
            Set<EmsgAddress> recipients = server.groupEngine.check(message).run();
            if (message instanceof SystemMessage s) {
                server.emit(new EmsgEvent.GroupChanged(
                        server.clock.now(), group.toString(), s.event().wireName()));
            }
            return fanOut(message, recipients, seen);
        });
    }

    /** 409 if {@code seen} is already recorded: (sender, id) was accepted before. */
    private void refuseIfSeen(SeenMark seen) throws EmsgException {
        if (seen.isRecordedIn(server.seen)) {
            throw new EmsgException(EmsgError.CONFLICT, "message id already accepted");
        }
    }

    private int[] routeDirect(EmsgMessage message, Source source, SeenMark seen) throws EmsgException {
        EmsgAddress recipient = message.recipient();
        if (recipient.domain().equals(server.domain)) {
            if (server.knownAccounts.find(recipient).isEmpty()) {
                refuseIfSeen(seen); // a replay is 409 before it is anything else
                throw new EmsgException(EmsgError.NOT_FOUND, "unknown recipient");
            }
            int delivered = appendAll(List.of(inboxEntry(recipient, message)), seen);
            contact(message, source);
            return new int[] {delivered, 0};
        }
        if (!(source instanceof FromClient)) {
            refuseIfSeen(seen);
            throw new EmsgException(EmsgError.FORBIDDEN, "recipient is not of this domain");
        }
        OutboxEntry entry = server.outboxLogic.entry(
                recipient.domain(), message.sender(), message.id(), message.json(), message.sender());
        int queued = enqueueAll(List.of(entry), seen);
        contact(message, source);
        return new int[] {0, queued};
    }

    /** A one-to-one chat makes the recipient a contact of its (local) sender: a write only the first time. */
    private void contact(EmsgMessage message, Source source) {
        if (message instanceof ChatMessage && source instanceof FromClient) {
            server.knownContacts.ensure(message.sender(), message.recipient(), server.clock.now());
        }
    }

    private int[] fanOut(EmsgMessage message, Set<EmsgAddress> recipients, SeenMark seen) throws EmsgException {
        List<InboxEntry> local = new ArrayList<>();
        Map<String, ArrayNode> remote = new LinkedHashMap<>();
        for (EmsgAddress to : recipients) {
            if (to.domain().equals(server.domain)) {
                if (server.knownAccounts.find(to).isPresent()) {
                    local.add(inboxEntry(to, message));
                }
            } else {
                remote.computeIfAbsent(to.domain(), d -> EmsgJson.NODES.arrayNode())
                        .add(to.toString());
            }
        }
        List<OutboxEntry> relays = new ArrayList<>();
        for (Map.Entry<String, ArrayNode> e : remote.entrySet()) {
            ObjectNode relay = EmsgJson.object();
            relay.put("type", "relay");
            relay.set("to", e.getValue());
            // The message travels as a string: exactly the bytes its author signed.
            relay.put("message", message.json());
            relays.add(
                    server.outboxLogic.entry(e.getKey(), message.sender(), message.id(), EmsgJson.write(relay), null));
        }
        if (local.isEmpty()) {
            return new int[] {0, enqueueAll(relays, seen)};
        }
        // Relays first and idempotent on their own; the mark goes with the local entries, last.
        int queued = 0;
        for (OutboxEntry relay : relays) {
            queued += server.outbox.enqueue(relay) ? 1 : 0;
        }
        return new int[] {appendAll(local, seen), queued};
    }

    private int appendAll(List<InboxEntry> entries, SeenMark seen) throws EmsgException {
        return accepted(server.inbox.appendAll(entries, server.seen, seen));
    }

    private int enqueueAll(List<OutboxEntry> entries, SeenMark seen) throws EmsgException {
        return accepted(server.outboxLogic.enqueueAll(entries, seen));
    }

    private static int accepted(OptionalInt written) throws EmsgException {
        if (written.isEmpty()) {
            throw new EmsgException(EmsgError.CONFLICT, "message id already accepted");
        }
        return written.getAsInt();
    }

    private InboxEntry inboxEntry(EmsgAddress to, EmsgMessage message) {
        return new InboxEntry(to, message.sender(), message.id(), message.json(), server.clock.now());
    }
}
