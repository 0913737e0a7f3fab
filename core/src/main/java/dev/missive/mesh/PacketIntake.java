package dev.missive.mesh;

import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.spi.Tombstone;
import dev.missive.mesh.spi.TombstoneReason;
import dev.missive.mesh.wire.ForwardedTombstone;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores validated packets and removes discarded ones, with the rules that keep removed packets
 * from coming back: tombstones are checked before every insert and written before every delete
 * ({@code docs/mesh.md}, "Tombstones").
 */
final class PacketIntake {

    /** What happened to a packet handed to {@link #ingest}. */
    enum Outcome {
        /** Stored now. */
        STORED,
        /** The same packet was already held. */
        DUPLICATE,
        /** Another packet with the same hash is held: the first one stays. */
        CONFLICT,
        /** The hash is tombstoned: never stored again. */
        GONE
    }

    private final ServerContext ctx;
    private final RequestVerifier verifier;

    PacketIntake(ServerContext ctx, RequestVerifier verifier) {
        this.ctx = ctx;
        this.verifier = verifier;
    }

    Outcome ingest(StoredPacket packet, Optional<String> peer, Instant now) {
        PacketHash hash = packet.packet().hash();
        switch (ctx.packets().insertUnlessTombstoned(packet, ctx.tombstones(), now)) {
            case TOMBSTONED -> {
                return Outcome.GONE;
            }
            case HELD -> {
                return ctx.packets()
                                .find(hash)
                                .filter(held -> held.packet().equals(packet.packet()))
                                .isPresent()
                        ? Outcome.DUPLICATE
                        : Outcome.CONFLICT;
            }
            case STORED -> {
                // Checked again below, once the packet is committed.
            }
        }
        // A discard may have tombstoned the hash between our check and our insert: it wins.
        if (!ctx.tombstones().present(List.of(hash), now).isEmpty()) {
            ctx.packets().delete(hash);
            return Outcome.GONE;
        }
        ctx.emit(new MeshEvent.PacketAccepted(now, hash, peer));
        return Outcome.STORED;
    }

    /**
     * Removes the held packet {@code hash} if its recipient is {@code signer}, leaving a tombstone
     * that carries {@code proof}. A packet not held, or held for someone else, is left alone and no
     * tombstone is made (so nobody can block a hash they do not own).
     */
    boolean discard(PacketHash hash, String signer, SignedRequest proof, Instant now) {
        Optional<StoredPacket> held = ctx.packets().find(hash);
        if (held.isEmpty() || !held.get().packet().recipient().equals(signer)) {
            return false;
        }
        bury(held.get(), TombstoneReason.DISCARDED, Optional.of(proof), now);
        return true;
    }

    /**
     * Applies tombstones forwarded by peer {@code forwarder}: each only to a packet held here whose
     * recipient signed the proof, whose proof names {@code forwarder} as audience and covers the hash,
     * and which is within the retention period. Returns how many packets were removed.
     */
    int applyForwarded(List<ForwardedTombstone> tombstones, String forwarder, Instant now) {
        int removed = 0;
        for (ForwardedTombstone tombstone : tombstones) {
            SignedRequest proof = tombstone.proof();
            if (!proof.hashes().contains(tombstone.hash())) {
                continue;
            }
            Optional<StoredPacket> held = ctx.packets().find(tombstone.hash());
            if (held.isEmpty() || !held.get().packet().recipient().equals(proof.signer())) {
                continue;
            }
            if (verifier.acceptableProof(proof, forwarder, now)) {
                bury(held.get(), TombstoneReason.DISCARDED, Optional.of(proof), now);
                removed++;
            }
        }
        if (removed > 0) {
            ctx.emit(new MeshEvent.Discarded(now, removed, Optional.of(forwarder)));
        }
        return removed;
    }

    /** Tombstones then deletes {@code packet}: a crash in between leaves a tombstone, never a resurrection. */
    void bury(StoredPacket packet, TombstoneReason reason, Optional<SignedRequest> proof, Instant now) {
        Instant base = packet.expiresAt().isAfter(now) ? packet.expiresAt() : now;
        ctx.tombstones()
                .add(
                        new Tombstone(
                                packet.packet().hash(),
                                reason,
                                packet.packet().recipient(),
                                now,
                                base.plus(ctx.config().tombstoneGrace()),
                                proof),
                        now);
        ctx.packets().delete(packet.packet().hash());
    }
}
