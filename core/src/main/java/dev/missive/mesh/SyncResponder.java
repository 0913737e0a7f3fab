package dev.missive.mesh;

import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.spi.Tombstone;
import dev.missive.mesh.spi.TombstoneReason;
import dev.missive.mesh.wire.ForwardedTombstone;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
import dev.missive.mesh.wire.SyncHashesReply;
import dev.missive.mesh.wire.SyncHashesRequest;
import dev.missive.mesh.wire.SyncPushRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The answering side of sync: {@code /sync/hashes} and {@code /sync/push} ({@code docs/mesh.md}, "Sync"). */
final class SyncResponder {

    private final ServerContext ctx;
    private final PacketValidator validator;
    private final RequestVerifier verifier;
    private final PacketIntake intake;
    private final PeerRegistry registry;

    SyncResponder(
            ServerContext ctx,
            PacketValidator validator,
            RequestVerifier verifier,
            PacketIntake intake,
            PeerRegistry registry) {
        this.ctx = ctx;
        this.validator = validator;
        this.verifier = verifier;
        this.intake = intake;
        this.registry = registry;
    }

    byte[] hashes(byte[] body, Instant now) throws MeshWireException {
        SyncHashesRequest request = MeshJson.decodeSyncHashes(body, ctx.config().maxSyncBodyBytes());
        // The signature first: only a caller holding the key may get its entry admitted.
        verifier.verify(request.auth(), now);
        registry.authenticate(request.from(), request.auth(), now);
        List<PacketHash> theirs = request.hashes();
        if (!strictlyAscendingAfter(theirs, request.after())) {
            throw new MeshWireException(MeshError.MALFORMED, "hashes must ascend strictly after 'after'");
        }
        if (!request.complete() && theirs.isEmpty()) {
            throw new MeshWireException(MeshError.MALFORMED, "an incomplete page must hold hashes");
        }
        Optional<PacketHash> end = request.complete() ? Optional.empty() : Optional.of(theirs.getLast());
        int pageSize = ctx.config().syncPageSize();
        List<PacketHash> ours = new ArrayList<>();
        for (PacketHash hash : ctx.packets().syncHashesAfter(request.after(), now, pageSize + 1)) {
            if (end.isPresent() && hash.compareTo(end.get()) > 0) {
                break;
            }
            ours.add(hash);
        }
        boolean truncated = ours.size() > pageSize;
        if (truncated) {
            ours = ours.subList(0, pageSize);
        }
        Optional<PacketHash> coveredEnd = truncated ? Optional.of(ours.getLast()) : end;
        List<PacketHash> theirsCovered = theirs.stream()
                .filter(h -> coveredEnd.isEmpty() || h.compareTo(coveredEnd.get()) <= 0)
                .toList();
        Set<PacketHash> theirSet = new HashSet<>(theirsCovered);
        List<PacketHash> missing =
                ours.stream().filter(h -> !theirSet.contains(h)).toList();
        Set<PacketHash> held = ctx.packets().heldLive(theirsCovered, now);
        List<Tombstone> buried = ctx.tombstones().find(theirsCovered, now);
        Set<PacketHash> buriedHashes = new HashSet<>();
        List<ForwardedTombstone> forwarded = new ArrayList<>();
        for (Tombstone tombstone : buried) {
            buriedHashes.add(tombstone.hash());
            if (tombstone.reason() == TombstoneReason.DISCARDED
                    && tombstone.proof().isPresent()
                    && tombstone.proof().get().audience().equals(ctx.origin())) {
                forwarded.add(new ForwardedTombstone(
                        tombstone.hash(), tombstone.proof().get()));
            }
        }
        List<PacketHash> wanted = theirsCovered.stream()
                .filter(h -> !held.contains(h) && !buriedHashes.contains(h))
                .toList();
        Optional<PacketHash> next = truncated ? coveredEnd : end;
        return MeshJson.encodeSyncHashesReply(new SyncHashesReply(missing, wanted, forwarded, next));
    }

    byte[] push(byte[] body, Instant now) throws MeshWireException {
        SyncPushRequest request = MeshJson.decodeSyncPush(body, ctx.config().maxSyncBodyBytes());
        Set<PacketHash> covered = new HashSet<>();
        request.packets().forEach(p -> covered.add(p.hash()));
        request.tombstones().forEach(t -> covered.add(t.hash()));
        if (!covered.equals(new HashSet<>(request.auth().hashes()))) {
            throw new MeshWireException(MeshError.MALFORMED, "hashes must list every packet and tombstone");
        }
        verifier.verify(request.auth(), now);
        String peer = registry.authenticate(request.from(), request.auth(), now);
        List<PacketHash> accepted = new ArrayList<>();
        boolean invalid = false;
        for (MeshPacket packet : request.packets()) {
            StoredPacket valid;
            try {
                valid = validator.validate(packet, PacketValidator.Source.PEER, now);
            } catch (MeshWireException e) {
                invalid = true;
                ctx.emit(new MeshEvent.RequestRefused(now, MeshEndpoint.SYNC_PUSH, e.error(), Optional.of(peer)));
                continue;
            }
            switch (intake.ingest(valid, Optional.of(peer), now)) {
                case STORED, DUPLICATE -> accepted.add(packet.hash());
                case CONFLICT, GONE -> {
                    // not held as sent: the pusher must not expect it offered back
                }
            }
        }
        if (invalid) {
            registry.penalize(
                    peer, MeshEvent.ScoreReason.INVALID_PACKET, ctx.config().invalidPacketPenalty(), now);
        }
        intake.applyForwarded(request.tombstones(), peer, now);
        return MeshJson.encodeAccepted(accepted);
    }

    private static boolean strictlyAscendingAfter(List<PacketHash> hashes, Optional<PacketHash> after) {
        PacketHash previous = after.orElse(null);
        for (PacketHash hash : hashes) {
            if (previous != null && hash.compareTo(previous) <= 0) {
                return false;
            }
            previous = hash;
        }
        return true;
    }
}
