package dev.missive.emsg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.spi.InboxEntry;
import dev.missive.emsg.spi.OutboxEntry;
import dev.missive.emsg.spi.SeenMark;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Frames;
import dev.missive.emsg.wire.Ids;
import dev.missive.emsg.wire.Signatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The federation outbox: queueing, handing due entries to the transport under a lease, interpreting
 * the peer's reply, exponential backoff with jitter, expiry, and the {@code delivery_failed} notice
 * ({@code docs/emsg.md}, "Delivery").
 */
final class Outbox {

    /**
     * Most entries waiting in {@link #handOver}, a bound on the memory their lines hold (64 MiB at
     * the default line limit, far less for usual chats). Past it, a message is queued due now and
     * reaches the transport through a store lease.
     */
    static final int HAND_OVER_LIMIT = 1024;

    /**
     * How often {@link #nextDue} leases from the store even while handed-over entries fill every
     * batch, so retries and other instances' expired leases are not starved by new messages.
     */
    static final Duration STORE_LEASE_INTERVAL = Duration.ofSeconds(1);

    /**
     * Messages are handed over only while something drains them: {@link #nextDue} was called this
     * recently. A server nobody drains (no federation transport) queues them due now, where another
     * instance on the same database finds them at once.
     */
    static final Duration DRAINED_WITHIN = Duration.ofSeconds(10);

    private final EmsgServer server;

    /**
     * Entries this engine queued already leased to itself ({@link #enqueueAll}), for its next {@link
     * #nextDue}: a new message reaches the transport without a store write of its own. Guarded by
     * {@code this}, with {@link #reserved} (places promised to enqueues still writing), {@link
     * #nextStoreLease}, {@link #storeHadMore} and {@link #lastDrained}.
     */
    private final ArrayDeque<OutboxEntry> handOver = new ArrayDeque<>();

    private int reserved;
    private Instant nextStoreLease = Instant.MIN;
    private boolean storeHadMore;
    private Instant lastDrained = Instant.MIN;

    Outbox(EmsgServer server) {
        this.server = server;
    }

    /**
     * Accepts one message for peer domains, as {@link dev.missive.emsg.spi.OutboxStore#enqueueAll}
     * does, with its entries stored already leased to this engine (the attempt a lease would count,
     * due again when the lease ends) and handed to the next {@link #nextDue} in memory, which so
     * writes nothing for them. If this process dies first, they are due when the lease ends, like
     * any entry leased when it died. When nothing drains this engine ({@link #DRAINED_WITHIN}), the
     * hand-over is full, or a duplicate of an entry was already queued, the entries are queued due
     * now instead.
     */
    OptionalInt enqueueAll(List<OutboxEntry> entries, SeenMark seen) {
        if (entries.isEmpty() || !reserve(entries.size(), server.clock.now())) {
            return server.outbox.enqueueAll(entries, server.seen, seen);
        }
        Instant leaseUntil = server.clock.now().plus(server.config.deliveryLease());
        List<OutboxEntry> leased = new ArrayList<>(entries.size());
        entries.forEach(entry -> leased.add(entry.retried(entry.attempts() + 1, leaseUntil)));
        OptionalInt queued = OptionalInt.empty();
        try {
            queued = server.outbox.enqueueAll(leased, server.seen, seen);
        } finally {
            settle(leased, queued.isPresent() && queued.getAsInt() == leased.size());
        }
        if (queued.isPresent() && queued.getAsInt() > 0 && queued.getAsInt() < leased.size()) {
            // Some entries were duplicates: which ones the store does not say, so every new one is
            // made due now, for the store lease to find.
            leased.forEach(entry -> server.outbox.reschedule(entry.entryId(), 0, server.clock.now()));
        }
        return queued;
    }

    private synchronized boolean reserve(int count, Instant now) {
        if (now.isAfter(lastDrained.plus(DRAINED_WITHIN)) || handOver.size() + reserved + count > HAND_OVER_LIMIT) {
            return false;
        }
        reserved += count;
        return true;
    }

    /** Ends the reservation of {@code entries}' places, handing them over if all were stored. */
    private synchronized void settle(List<OutboxEntry> entries, boolean stored) {
        reserved -= entries.size();
        if (stored) {
            handOver.addAll(entries);
        }
    }

    /**
     * Up to {@code count} handed-over entries, oldest first. An entry whose lease has ended is
     * dropped instead: the store may have leased it to another drainer, and leases it again anyway.
     */
    private synchronized List<OutboxEntry> takeHandedOver(int count, Instant now) {
        List<OutboxEntry> taken = new ArrayList<>(Math.min(count, handOver.size()));
        while (taken.size() < count && !handOver.isEmpty()) {
            OutboxEntry entry = handOver.poll();
            if (entry.nextAttemptAt().isAfter(now)) {
                taken.add(entry);
            }
        }
        return taken;
    }

    /**
     * Whether the store's turn has come: the last lease filled all the room it was given (more may
     * be due), or {@link #STORE_LEASE_INTERVAL} has passed since it. Notes that a drainer came.
     */
    private synchronized boolean storesTurn(Instant now) {
        lastDrained = now;
        return storeHadMore || !now.isBefore(nextStoreLease);
    }

    private synchronized int handedOver() {
        return handOver.size();
    }

    private synchronized void storeLeased(Instant now, boolean filledItsRoom) {
        nextStoreLease = now.plus(STORE_LEASE_INTERVAL);
        storeHadMore = filledItsRoom;
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
        // Handed-over entries fill the batch, but on the store's turn part of it is the store's, so
        // new messages never starve retries and the entries of other instances' ended leases. The
        // store is leased first: if that fails, the handed-over entries are still waiting.
        boolean storesTurn = storesTurn(now);
        int share = Math.min(limit, handedOver());
        if (storesTurn) {
            share = Math.min(share, limit - Math.max(1, limit / 4));
        }
        List<OutboxEntry> entries = new ArrayList<>(limit);
        int room = limit - share;
        if (room > 0 && (storesTurn || share == 0)) {
            // The lease keeps other drainers off the entries while this attempt runs.
            List<OutboxEntry> leased = server.outbox.lease(now, room, now.plus(server.config.deliveryLease()));
            storeLeased(now, leased.size() == room);
            entries.addAll(leased);
        }
        entries.addAll(takeHandedOver(limit - entries.size(), now));
        for (OutboxEntry entry : entries) {
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
