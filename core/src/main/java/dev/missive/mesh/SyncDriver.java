package dev.missive.mesh;

import dev.missive.event.FailureKind;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.PeerStatus;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.spi.AvailabilityCheck;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.spi.Tombstone;
import dev.missive.mesh.spi.TombstoneReason;
import dev.missive.mesh.wire.FetchByHashRequest;
import dev.missive.mesh.wire.FetchReply;
import dev.missive.mesh.wire.ForwardedTombstone;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
import dev.missive.mesh.wire.SyncHashesReply;
import dev.missive.mesh.wire.SyncHashesRequest;
import dev.missive.mesh.wire.SyncPushRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calling side of sync, as pure steps a transport drives ({@code docs/mesh.md}, "Sync"): each
 * step returns the calls to make next; the transport makes them and hands each answer back.
 */
final class SyncDriver {

    /** Largest pushed packets' total size per push call, leaving room for the JSON around them. */
    private static final double PUSH_FILL = 0.5;

    private record RoundStats(int requested, int pushed) {}

    private final ServerContext ctx;
    private final PacketValidator validator;
    private final PacketIntake intake;
    private final PeerRegistry registry;
    // Counters for the SyncCompleted event only; losing them on restart loses nothing else.
    private final Map<String, RoundStats> rounds = new ConcurrentHashMap<>();

    SyncDriver(ServerContext ctx, PacketValidator validator, PacketIntake intake, PeerRegistry registry) {
        this.ctx = ctx;
        this.validator = validator;
        this.intake = intake;
        this.registry = registry;
    }

    List<MeshCall> startSync(String peerUrl, Instant now) {
        if (!registry.isActive(peerUrl)) {
            return List.of();
        }
        rounds.put(peerUrl, new RoundStats(0, 0));
        return List.of(hashesCall(peerUrl, Optional.empty(), now));
    }

    List<MeshCall> startServerExchange(String peerUrl, Instant now) {
        if (!registry.isActive(peerUrl)) {
            return List.of();
        }
        return List.of(new MeshCall(peerUrl, MeshEndpoint.SYNC_SERVERS, MeshJson.encodeServerList(serverList(now))));
    }

    /** This server's entry followed by the entries of its active peers. */
    List<ServerEntry> serverList(Instant now) {
        List<ServerEntry> list = new ArrayList<>();
        list.add(ctx.ownEntry(now));
        ctx.peers().all().stream()
                .filter(p -> p.status() == PeerStatus.ACTIVE)
                .forEach(p -> p.entry().ifPresent(list::add));
        return list;
    }

    List<MeshCall> onReply(MeshCall call, int httpStatus, byte[] body, Instant now) {
        String peer = call.peerUrl();
        if (!registry.isActive(peer)) {
            return List.of();
        }
        if (httpStatus != 200) {
            ctx.emit(new MeshEvent.PeerCallFailed(now, peer, call.endpoint(), FailureKind.HTTP_STATUS));
            return List.of();
        }
        try {
            return switch (call.endpoint()) {
                case SYNC_HASHES -> onHashes(call, body, now);
                case FETCH_BY_HASH -> onFetched(call, body, now);
                case SYNC_PUSH -> onPushed(call, body, now);
                case SYNC_SERVERS -> {
                    registry.learn(
                            MeshJson.decodeServerList(body, ctx.config().maxSyncBodyBytes()), Optional.of(peer), now);
                    yield List.of();
                }
                default -> List.of();
            };
        } catch (MeshWireException e) {
            registry.penalize(
                    peer, MeshEvent.ScoreReason.BAD_REPLY, ctx.config().invalidPacketPenalty(), now);
            ctx.emit(new MeshEvent.PeerCallFailed(now, peer, call.endpoint(), FailureKind.PROTOCOL));
            return List.of();
        }
    }

    void onCallFailed(MeshCall call, FailureKind reason, Instant now) {
        ctx.emit(new MeshEvent.PeerCallFailed(now, call.peerUrl(), call.endpoint(), reason));
    }

    private MeshCall hashesCall(String peer, Optional<PacketHash> after, Instant now) {
        int pageSize = ctx.config().syncPageSize();
        List<PacketHash> page = new ArrayList<>(ctx.packets().syncHashesAfter(after, now, pageSize + 1));
        boolean complete = page.size() <= pageSize;
        if (!complete) {
            page = page.subList(0, pageSize);
        }
        var auth = ctx.sign(RequestPurpose.SYNC_HASHES, peer, page, now);
        byte[] body = MeshJson.encodeSyncHashes(new SyncHashesRequest(ctx.ownEntry(now), auth, after, page, complete));
        return new MeshCall(peer, MeshEndpoint.SYNC_HASHES, body);
    }

    private List<MeshCall> onHashes(MeshCall call, byte[] body, Instant now) throws MeshWireException {
        String peer = call.peerUrl();
        SyncHashesRequest sent = ownRequest(() -> MeshJson.decodeSyncHashes(call.body(), Integer.MAX_VALUE));
        SyncHashesReply reply =
                MeshJson.decodeSyncHashesReply(body, ctx.config().maxSyncBodyBytes());
        List<PacketHash> page = sent.hashes();
        Set<PacketHash> pageSet = new HashSet<>(page);
        Optional<PacketHash> after = sent.after();
        if (!sent.complete() && reply.next().isEmpty()) {
            throw new MeshWireException(MeshError.MALFORMED, "reply ends an unfinished round");
        }
        Optional<PacketHash> upper = reply.next();
        if (upper.isPresent()
                && (!inRange(upper.get(), after, Optional.empty())
                        || (!sent.complete() && upper.get().compareTo(page.getLast()) > 0))) {
            throw new MeshWireException(MeshError.MALFORMED, "next outside the page");
        }
        for (PacketHash hash : reply.missing()) {
            if (!inRange(hash, after, upper) || pageSet.contains(hash)) {
                throw new MeshWireException(MeshError.MALFORMED, "missing outside the range");
            }
        }
        for (PacketHash hash : reply.wanted()) {
            if (!inRange(hash, after, upper) || !pageSet.contains(hash)) {
                throw new MeshWireException(MeshError.MALFORMED, "wanted not in the page");
            }
        }
        for (ForwardedTombstone tombstone : reply.tombstones()) {
            if (!pageSet.contains(tombstone.hash())) {
                throw new MeshWireException(MeshError.MALFORMED, "tombstone not in the page");
            }
        }

        intake.applyForwarded(reply.tombstones(), peer, now);
        List<MeshCall> calls = new ArrayList<>();

        // pull what we lack, unless we buried it
        Set<PacketHash> offered = new LinkedHashSet<>(reply.missing());
        offered.removeAll(ctx.tombstones().present(offered, now));
        offered.removeAll(ctx.packets().heldLive(offered, now));
        List<PacketHash> toPull = List.copyOf(offered);
        int fetchLimit = ctx.config().fetchLimit();
        for (int i = 0; i < toPull.size(); i += fetchLimit) {
            List<PacketHash> chunk = toPull.subList(i, Math.min(toPull.size(), i + fetchLimit));
            var auth = ctx.sign(RequestPurpose.FETCH_BY_HASH, peer, chunk, now);
            calls.add(new MeshCall(
                    peer,
                    MeshEndpoint.FETCH_BY_HASH,
                    MeshJson.encodeFetchByHash(new FetchByHashRequest(Optional.of(ctx.ownEntry(now)), auth))));
        }

        // push what it wants, and our own discard proofs for what it offered
        List<MeshPacket> wantedPackets = new ArrayList<>();
        for (PacketHash hash : reply.wanted()) {
            ctx.packets()
                    .find(hash)
                    .filter(p -> p.liveAt(now) && p.profile() == MeshProfile.J2)
                    .map(StoredPacket::packet)
                    .ifPresent(wantedPackets::add);
        }
        List<ForwardedTombstone> ourProofs = new ArrayList<>();
        for (Tombstone tombstone : ctx.tombstones().find(reply.missing(), now)) {
            if (tombstone.reason() == TombstoneReason.DISCARDED
                    && tombstone.proof().isPresent()
                    && tombstone.proof().get().audience().equals(ctx.origin())) {
                ourProofs.add(new ForwardedTombstone(
                        tombstone.hash(), tombstone.proof().get()));
            }
        }
        calls.addAll(pushCalls(peer, wantedPackets, ourProofs, now));

        checkAvailability(peer, reply, pageSet, after, upper, now);

        rounds.merge(
                peer,
                new RoundStats(toPull.size(), wantedPackets.size()),
                (a, b) -> new RoundStats(a.requested() + b.requested(), a.pushed() + b.pushed()));
        if (reply.next().isPresent()) {
            calls.add(hashesCall(peer, reply.next(), now));
            return calls;
        }
        RoundStats stats = rounds.remove(peer);
        registry.reward(peer, now);
        ctx.emit(new MeshEvent.SyncCompleted(
                now, peer, stats == null ? toPull.size() : stats.requested(), stats == null ? 0 : stats.pushed()));
        return calls;
    }

    private List<MeshCall> pushCalls(
            String peer, List<MeshPacket> packets, List<ForwardedTombstone> tombstones, Instant now) {
        List<MeshCall> calls = new ArrayList<>();
        if (packets.isEmpty() && tombstones.isEmpty()) {
            return calls;
        }
        long budget = (long) (ctx.config().maxSyncBodyBytes() * PUSH_FILL);
        List<MeshPacket> batch = new ArrayList<>();
        long size = 0;
        List<ForwardedTombstone> pendingTombstones = tombstones;
        for (MeshPacket packet : packets) {
            long packetSize = (long) packet.recipient().length()
                    + packet.message().length()
                    + packet.signature().length();
            if (!batch.isEmpty() && size + packetSize > budget) {
                calls.add(pushCall(peer, batch, pendingTombstones, now));
                pendingTombstones = List.of();
                batch = new ArrayList<>();
                size = 0;
            }
            batch.add(packet);
            size += packetSize;
        }
        if (!batch.isEmpty() || !pendingTombstones.isEmpty()) {
            calls.add(pushCall(peer, batch, pendingTombstones, now));
        }
        return calls;
    }

    private MeshCall pushCall(String peer, List<MeshPacket> packets, List<ForwardedTombstone> tombstones, Instant now) {
        List<PacketHash> covered = new ArrayList<>();
        packets.forEach(p -> covered.add(p.hash()));
        tombstones.forEach(t -> covered.add(t.hash()));
        var auth = ctx.sign(RequestPurpose.SYNC_PUSH, peer, covered, now);
        return new MeshCall(
                peer,
                MeshEndpoint.SYNC_PUSH,
                MeshJson.encodeSyncPush(new SyncPushRequest(ctx.ownEntry(now), auth, packets, tombstones)));
    }

    /**
     * Settles the availability checks against {@code peer} that this page covers: a packet it
     * accepted from us must show up in its answer (offered to us, or not wanted from us) once the
     * bound has passed.
     */
    private void checkAvailability(
            String peer,
            SyncHashesReply reply,
            Set<PacketHash> pageSet,
            Optional<PacketHash> after,
            Optional<PacketHash> upper,
            Instant now) {
        Set<PacketHash> wanted = new HashSet<>(reply.wanted());
        Set<PacketHash> offered = new HashSet<>(reply.missing());
        Set<PacketHash> buriedThere = new HashSet<>();
        reply.tombstones().forEach(t -> buriedThere.add(t.hash()));
        for (AvailabilityCheck check : ctx.peers().checks(peer)) {
            PacketHash hash = check.hash();
            if (!inRange(hash, after, upper)) {
                continue;
            }
            if (ctx.packets().heldLive(List.of(hash), now).isEmpty()) {
                // expired or discarded here: nobody owes it to us any more
                ctx.peers().removeCheck(peer, hash);
                continue;
            }
            boolean available = offered.contains(hash)
                    || buriedThere.contains(hash)
                    || (pageSet.contains(hash) && !wanted.contains(hash));
            if (available) {
                ctx.peers().removeCheck(peer, hash);
            } else if (!now.isBefore(check.acceptedAt().plus(ctx.config().availabilityBound()))) {
                ctx.peers().removeCheck(peer, hash);
                registry.penalize(
                        peer, MeshEvent.ScoreReason.NOT_AVAILABLE, ctx.config().unavailablePenalty(), now);
            }
        }
    }

    private List<MeshCall> onFetched(MeshCall call, byte[] body, Instant now) throws MeshWireException {
        String peer = call.peerUrl();
        FetchByHashRequest sent = ownRequest(() -> MeshJson.decodeFetchByHash(call.body(), Integer.MAX_VALUE));
        Set<PacketHash> requested = new HashSet<>(sent.auth().hashes());
        FetchReply reply = MeshJson.decodeFetchReply(body, ctx.config().maxSyncBodyBytes());
        boolean invalid = false;
        for (MeshPacket packet : reply.messages()) {
            if (!requested.remove(packet.hash())) {
                invalid = true;
                continue;
            }
            try {
                StoredPacket valid = validator.validate(packet, PacketValidator.Source.PEER, now);
                intake.ingest(valid, Optional.of(peer), now);
            } catch (MeshWireException e) {
                invalid = true;
                ctx.emit(new MeshEvent.RequestRefused(now, MeshEndpoint.FETCH_BY_HASH, e.error(), Optional.of(peer)));
            }
        }
        if (invalid) {
            registry.penalize(
                    peer, MeshEvent.ScoreReason.INVALID_PACKET, ctx.config().invalidPacketPenalty(), now);
        }
        return List.of();
    }

    private List<MeshCall> onPushed(MeshCall call, byte[] body, Instant now) throws MeshWireException {
        String peer = call.peerUrl();
        SyncPushRequest sent = ownRequest(() -> MeshJson.decodeSyncPush(call.body(), Integer.MAX_VALUE));
        Set<PacketHash> pushed = new HashSet<>();
        sent.packets().forEach(p -> pushed.add(p.hash()));
        for (PacketHash hash : MeshJson.decodeAccepted(body, ctx.config().maxSyncBodyBytes())) {
            if (pushed.contains(hash)) {
                ctx.peers().addCheck(new AvailabilityCheck(peer, hash, now));
            }
        }
        return List.of();
    }

    /** Whether {@code hash} lies in the range (after, upper], an absent bound being open. */
    private static boolean inRange(PacketHash hash, Optional<PacketHash> after, Optional<PacketHash> upper) {
        return (after.isEmpty() || hash.compareTo(after.get()) > 0)
                && (upper.isEmpty() || hash.compareTo(upper.get()) <= 0);
    }

    private interface Decoder<T> {
        T decode() throws MeshWireException;
    }

    private static <T> T ownRequest(Decoder<T> decoder) {
        try {
            return decoder.decode();
        } catch (MeshWireException e) {
            throw new IllegalArgumentException("the call was not made by this server", e);
        }
    }
}
