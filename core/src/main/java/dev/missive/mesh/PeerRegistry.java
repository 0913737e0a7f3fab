package dev.missive.mesh;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPss;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.internal.Locks;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshOrigin;
import dev.missive.mesh.model.PeerStatus;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.spi.PeerRecord;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshWireException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The peers of a server: who they are (signed entries, keys pinned on first use), which origins
 * may be learned, and their scores ({@code docs/mesh.md}, "Peers" and "Misbehaviour").
 */
final class PeerRegistry {

    private final ServerContext ctx;

    PeerRegistry(ServerContext ctx) {
        this.ctx = ctx;
    }

    /** Adds a peer the operator configured; any origin is allowed. */
    boolean addConfigured(String url, Instant now) {
        String origin =
                MeshOrigin.normalize(url).orElseThrow(() -> new IllegalArgumentException("not an http(s) origin"));
        if (origin.equals(ctx.origin())) {
            return false;
        }
        boolean added = ctx.peers()
                .add(new PeerRecord(
                        origin,
                        Optional.empty(),
                        ctx.config().initialScore(),
                        PeerStatus.ACTIVE,
                        now,
                        Optional.empty()));
        if (added) {
            ctx.emit(new MeshEvent.PeerAdded(now, origin, Optional.empty()));
        }
        return added;
    }

    /** Active peers' origins, ordered. */
    List<String> activeUrls() {
        return ctx.peers().all().stream()
                .filter(p -> p.status() == PeerStatus.ACTIVE)
                .map(PeerRecord::url)
                .toList();
    }

    /**
     * Identifies the server behind a server-to-server request: its entry must be self-signed by the
     * request's signer; a known origin must match its pinned key and not be dropped; an unknown origin
     * is added (trust on first use) when allowed.
     *
     * @return the peer's origin
     * @throws MeshWireException ({@link MeshError#UNKNOWN_PEER}) otherwise
     */
    String authenticate(ServerEntry from, SignedRequest auth, Instant now) throws MeshWireException {
        if (!from.key().equals(auth.signer()) || !entrySignatureValid(from)) {
            throw new MeshWireException(MeshError.UNKNOWN_PEER, "server entry does not match the request signer");
        }
        if (admit(from, Optional.empty(), now).isEmpty()) {
            throw new MeshWireException(MeshError.UNKNOWN_PEER, "peer not accepted");
        }
        return from.url();
    }

    /** Learns signed entries from a server list; returns how many peers were added. */
    int learn(List<ServerEntry> entries, Optional<String> learnedFrom, Instant now) {
        int added = 0;
        for (ServerEntry entry : entries) {
            if (entry.url().equals(ctx.origin()) || !entrySignatureValid(entry)) {
                continue;
            }
            boolean known = ctx.peers().find(entry.url()).isPresent();
            if (admit(entry, learnedFrom, now).isPresent() && !known) {
                added++;
            }
        }
        return added;
    }

    /**
     * Admits {@code entry}'s server: pins the key of a configured peer, checks it for a known one,
     * adds an unknown one when allowed. Empty when refused.
     */
    private Optional<PeerRecord> admit(ServerEntry entry, Optional<String> learnedFrom, Instant now) {
        Optional<String> origin = MeshOrigin.normalize(entry.url());
        if (origin.isEmpty() || !origin.get().equals(entry.url()) || entry.url().equals(ctx.origin())) {
            return Optional.empty();
        }
        return Locks.withLock(ctx.peerLock(), () -> {
            Optional<PeerRecord> known = ctx.peers().find(entry.url());
            if (known.isPresent()) {
                PeerRecord peer = known.get();
                if (peer.status() == PeerStatus.DROPPED) {
                    return Optional.empty();
                }
                if (peer.key().isPresent() && !peer.key().get().equals(entry.key())) {
                    return Optional.empty();
                }
                if (peer.entry().isEmpty() || peer.entry().get().signedAt().isBefore(entry.signedAt())) {
                    PeerRecord updated = peer.withEntry(entry);
                    ctx.peers().update(updated);
                    return Optional.of(updated);
                }
                return Optional.of(peer);
            }
            if (!ctx.config().allowPrivatePeerAddresses() && MeshOrigin.isPrivate(entry.url())) {
                return Optional.empty();
            }
            if (ctx.peers().all().size() >= ctx.config().maxPeers()) {
                return Optional.empty();
            }
            PeerRecord peer = new PeerRecord(
                    entry.url(),
                    Optional.of(entry),
                    ctx.config().initialScore(),
                    PeerStatus.ACTIVE,
                    now,
                    Optional.empty());
            if (!ctx.peers().add(peer)) {
                return ctx.peers().find(entry.url());
            }
            ctx.emit(new MeshEvent.PeerAdded(now, entry.url(), learnedFrom));
            return Optional.of(peer);
        });
    }

    /** Whether {@code url} is a known, active peer. */
    boolean isActive(String url) {
        return ctx.peers()
                .find(url)
                .filter(p -> p.status() == PeerStatus.ACTIVE)
                .isPresent();
    }

    /** Lowers a peer's score by {@code penalty} and drops it at the threshold. */
    void penalize(String url, MeshEvent.ScoreReason reason, int penalty, Instant now) {
        adjust(url, reason, -penalty, now);
    }

    /** Raises a peer's score after a clean round, up to the initial score, and records the round. */
    void reward(String url, Instant now) {
        adjust(url, MeshEvent.ScoreReason.GOOD_ROUND, ctx.config().goodRoundReward(), now);
    }

    private void adjust(String url, MeshEvent.ScoreReason reason, int delta, Instant now) {
        MeshConfig config = ctx.config();
        Locks.withLock(ctx.peerLock(), () -> {
            Optional<PeerRecord> found = ctx.peers().find(url);
            if (found.isEmpty() || found.get().status() == PeerStatus.DROPPED) {
                return;
            }
            PeerRecord peer = found.get();
            int score = Math.min(config.initialScore(), peer.score() + delta);
            boolean drop = score <= config.dropScore();
            PeerRecord updated = peer.withScore(score, drop ? PeerStatus.DROPPED : PeerStatus.ACTIVE);
            if (reason == MeshEvent.ScoreReason.GOOD_ROUND) {
                updated = updated.withLastSync(now);
            }
            ctx.peers().update(updated);
            if (score != peer.score()) {
                ctx.emit(new MeshEvent.PeerScored(now, url, reason, score));
            }
            if (drop) {
                ctx.emit(new MeshEvent.PeerDropped(now, url, score));
            }
        });
    }

    private static boolean entrySignatureValid(ServerEntry entry) {
        try {
            RsaPublicKey key =
                    MeshCrypto.publicKey(entry.key(), PacketValidator.J2_KEY_BITS, PacketValidator.J2_KEY_BITS);
            return RsaPss.verify(
                    key,
                    MeshCrypto.serverEntrySigningString(entry.url(), entry.key(), entry.signedAt()),
                    Encodings.fromBase64(entry.signature()));
        } catch (MeshWireException | RuntimeException e) {
            return false;
        }
    }
}
