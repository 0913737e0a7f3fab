package dev.missive.mesh;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPss;
import dev.missive.event.EventListener;
import dev.missive.internal.Locks;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.spi.PacketStore;
import dev.missive.mesh.spi.PeerStore;
import dev.missive.mesh.spi.TombstoneStore;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.spi.ReplayGuardStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** What every part of a {@link MeshServer} shares: identity, stores, time, randomness, events, tunables. */
final class ServerContext {

    /** Replay-guard scope of request nonces. */
    static final String NONCE_SCOPE = "mesh.nonce";

    /** How long this server reuses its own signed entry before signing a fresh one. */
    private static final Duration ENTRY_REFRESH = Duration.ofHours(1);

    private final String origin;
    private final RsaPrivateKey serverKey;
    private final String serverKeyText;
    private final PacketStore packets;
    private final TombstoneStore tombstones;
    private final PeerStore peers;
    private final ReplayGuardStore replayGuard;
    private final Clock clock;
    private final RandomSource random;
    private final EventListener listener;
    private final MeshConfig config;
    private final ReentrantLock entryLock = new ReentrantLock();
    // Scores are read-modify-write: one lock keeps two penalties from losing one of them.
    private final ReentrantLock peerLock = new ReentrantLock();
    private ServerEntry entry;

    ServerContext(
            String origin,
            RsaPrivateKey serverKey,
            PacketStore packets,
            TombstoneStore tombstones,
            PeerStore peers,
            ReplayGuardStore replayGuard,
            Clock clock,
            RandomSource random,
            EventListener listener,
            MeshConfig config) {
        this.origin = origin;
        this.serverKey = serverKey;
        this.serverKeyText = MeshCrypto.encodeKey(serverKey.publicKey());
        this.packets = packets;
        this.tombstones = tombstones;
        this.peers = peers;
        this.replayGuard = replayGuard;
        this.clock = clock;
        this.random = random;
        this.listener = listener;
        this.config = config;
    }

    String origin() {
        return origin;
    }

    String serverKeyText() {
        return serverKeyText;
    }

    PacketStore packets() {
        return packets;
    }

    TombstoneStore tombstones() {
        return tombstones;
    }

    PeerStore peers() {
        return peers;
    }

    ReplayGuardStore replayGuard() {
        return replayGuard;
    }

    Instant now() {
        return clock.now();
    }

    MeshConfig config() {
        return config;
    }

    ReentrantLock peerLock() {
        return peerLock;
    }

    void emit(MeshEvent event) {
        listener.onProtocolEvent(event);
    }

    /** This server's signed entry, re-signed when older than an hour. */
    ServerEntry ownEntry(Instant now) {
        return Locks.withLock(entryLock, () -> {
            if (entry == null || entry.signedAt().plus(ENTRY_REFRESH).isBefore(now)) {
                Instant signedAt = Instant.ofEpochMilli(now.toEpochMilli());
                byte[] signature =
                        RsaPss.sign(serverKey, MeshCrypto.serverEntrySigningString(origin, serverKeyText, signedAt));
                entry = new ServerEntry(origin, serverKeyText, signedAt, Encodings.base64(signature));
            }
            return entry;
        });
    }

    /** A request to {@code audience} signed with the server key. */
    SignedRequest sign(RequestPurpose purpose, String audience, Collection<PacketHash> hashes, Instant now) {
        String nonce = Encodings.hex(random.bytes(16));
        Instant at = Instant.ofEpochMilli(now.toEpochMilli());
        SignedRequest unsigned =
                new SignedRequest(purpose, audience, serverKeyText, at, nonce, List.copyOf(hashes), "");
        byte[] signature = RsaPss.sign(serverKey, MeshCrypto.requestSigningString(unsigned));
        return new SignedRequest(
                purpose, audience, serverKeyText, at, nonce, unsigned.hashes(), Encodings.base64(signature));
    }
}
