package dev.missive.emsg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.spi.InboxEntry;
import dev.missive.emsg.spi.OutboxEntry;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Frames;
import dev.missive.emsg.wire.Ids;
import dev.missive.emsg.wire.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The federation outbox: queueing, handing due entries to the transport under a lease, interpreting
 * the peer's reply, exponential backoff with jitter, expiry, and the {@code delivery_failed} notice
 * ({@code docs/emsg.md}, "Delivery").
 */
final class Outbox {

    private final EmsgServer server;

    Outbox(EmsgServer server) {
        this.server = server;
    }

    /** Queues a line for {@code destination}; false if the same message is already queued there. */
    boolean enqueue(String destination, EmsgAddress sender, String messageId, String line, EmsgAddress notify) {
        return server.outbox.enqueue(entry(destination, sender, messageId, line, notify));
    }

    /** A new entry for {@code destination}, due now. */
    OutboxEntry entry(String destination, EmsgAddress sender, String messageId, String line, EmsgAddress notify) {
        Instant now = server.clock.now();
        return new OutboxEntry(
                Ids.uuid(server.random),
                destination,
                sender,
                messageId,
                line,
                notify,
                now,
                now.plus(server.config.outboxLifetime()),
                0,
                now);
    }

    List<OutboundDelivery> nextDue(int limit) {
        Instant now = server.clock.now();
        List<OutboundDelivery> out = new ArrayList<>();
        // The lease keeps other drainers off the entries while this attempt runs.
        for (OutboxEntry entry : server.outbox.lease(now, limit, now.plus(server.config.deliveryLease()))) {
            if (!entry.expiresAt().isAfter(now)) {
                giveUp(entry, EmsgError.EXPIRED.code());
                continue;
            }
            out.add(new OutboundDelivery(entry.entryId(), entry.destination(), entry.json(), entry.attempts()));
        }
        return out;
    }

    /** Interprets the peers' replies; the delivered entries are removed together, in one store write. */
    void onReplies(List<DeliveryReply> replies) {
        Map<String, OutboundDelivery> delivered = new LinkedHashMap<>();
        for (DeliveryReply reply : replies) {
            OutboundDelivery delivery = reply.delivery();
            if (isDelivered(reply.line())) {
                delivered.put(delivery.entryId(), delivery);
            } else {
                server.outbox.find(delivery.entryId()).ifPresent(entry -> onRefusal(entry, reply.line()));
            }
        }
        if (delivered.isEmpty()) {
            return;
        }
        Instant now = server.clock.now();
        for (String entryId : server.outbox.removeAll(delivered.keySet())) {
            OutboundDelivery delivery = delivered.get(entryId);
            server.emit(new EmsgEvent.Delivered(now, delivery.destination(), Math.max(1, delivery.attempt())));
        }
    }

    /** {@code ack}, or {@code 409}: the peer already has it (a retry after a lost ack). */
    private static boolean isDelivered(String line) {
        try {
            ObjectNode reply = EmsgJson.parseObject(line == null ? "" : line);
            String type = reply.path("type").asText("");
            return "ack".equals(type)
                    || ("error".equals(type) && Frames.readError(reply).error() == EmsgError.CONFLICT);
        } catch (EmsgException e) {
            return false;
        }
    }

    private void onRefusal(OutboxEntry entry, String line) {
        ObjectNode reply;
        try {
            reply = EmsgJson.parseObject(line == null ? "" : line);
        } catch (EmsgException e) {
            retry(entry, EmsgError.UNAVAILABLE.code(), -1);
            return;
        }
        if (!"error".equals(reply.path("type").asText(""))) {
            retry(entry, EmsgError.UNAVAILABLE.code(), -1);
            return;
        }
        EmsgException error = Frames.readError(reply);
        switch (error.error()) {
            case RATE_LIMITED -> retry(entry, error.error().code(), error.retryAfterMillis());
            case INTERNAL, UNAVAILABLE, NOT_IMPLEMENTED, UNAUTHORIZED ->
                retry(entry, error.error().code(), -1);
            default -> giveUp(entry, error.error().code());
        }
    }

    void onFailure(OutboundDelivery delivery) {
        server.outbox.find(delivery.entryId()).ifPresent(entry -> retry(entry, EmsgError.UNAVAILABLE.code(), -1));
    }

    private void retry(OutboxEntry entry, int code, long retryAfterMillis) {
        Instant now = server.clock.now();
        Duration wait = retryAfterMillis >= 0 ? Duration.ofMillis(retryAfterMillis) : backoff(entry.attempts());
        Instant next = now.plus(wait);
        if (!next.isBefore(entry.expiresAt())) {
            giveUp(entry, EmsgError.EXPIRED.code());
            return;
        }
        server.outbox.reschedule(entry.entryId(), entry.attempts(), next);
        server.emit(new EmsgEvent.DeliveryRetried(now, entry.destination(), entry.attempts(), code));
    }

    /**
     * The wait after {@code attempts} attempts: {@code min(retryMax, retryBase * 2^(attempts-1))}, then a
     * uniformly random point in its upper half (jitter keeps senders from retrying in lockstep).
     */
    Duration backoff(int attempts) {
        long base = server.config.retryBase().toMillis();
        long max = server.config.retryMax().toMillis();
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        long full = Math.min(max, base << shift);
        long half = full / 2;
        int spread = (int) Math.min(Integer.MAX_VALUE, full - half + 1);
        return Duration.ofMillis(half + server.random.nextInt(spread));
    }

    private void giveUp(OutboxEntry entry, int code) {
        if (!server.outbox.remove(entry.entryId())) {
            return;
        }
        server.emit(new EmsgEvent.DeliveryFailed(server.clock.now(), entry.destination(), code));
        EmsgAddress notifyOnFailure = entry.notifyOnFailure();
        if (notifyOnFailure != null && notifyOnFailure.domain().equals(server.domain)) {
            ObjectNode notice = server.notice(SystemEvent.DELIVERY_FAILED, notifyOnFailure);
            notice.put("ref", entry.messageId());
            notice.put("code", code);
            String id = notice.get("id").textValue();
            String line = Signatures.sign(notice, server.domainKey);
            server.inbox.append(
                    new InboxEntry(notifyOnFailure, EmsgAddress.system(server.domain), id, line, server.clock.now()));
        }
    }
}
