package dev.missive.bench.mesh;

import dev.missive.bench.DriverOptions;
import dev.missive.bench.LoadStore;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.http.mesh.MeshHttpServer;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.mesh.JdbcMeshPacketStore;
import dev.missive.jdbc.mesh.JdbcMeshPeerStore;
import dev.missive.jdbc.mesh.JdbcMeshTombstoneStore;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshConfig;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.memory.InMemoryPacketStore;
import dev.missive.mesh.memory.InMemoryPeerStore;
import dev.missive.mesh.memory.InMemoryTombstoneStore;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.wire.Envelope;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the mesh benchmarks share: servers on loopback over HTTP on memory, SQLite or PostgreSQL stores, and
 * packets that pass every check a server makes (recomputed hash, a real RSA-4096 recipient key,
 * envelope shapes and sizes, freshness) without the client-side cost of sealing each one: servers
 * cannot open envelopes, so random bytes of the right shape are what they see of a real packet.
 */
final class MeshBenchServers {

    private MeshBenchServers() {}

    /** The store forms the mesh benchmarks take, for their usage lines. */
    static final String STORE_FORMS = "memory: | sqlite | jdbc:postgresql://...";

    /** The {@code --store} option: {@code memory:}, {@code sqlite} or a store URL; a bad one ends the driver. */
    static String store(DriverOptions options) {
        String store = options.get("store", "memory:");
        if (!store.equals("sqlite")) {
            try {
                StoreUrl.parse(store);
            } catch (IllegalArgumentException e) {
                options.refuse(e.getMessage());
            }
        }
        return store;
    }

    /** A 4096-bit key (seconds each: a benchmark makes three). */
    static RsaPrivateKey key() {
        return RsaPrivateKey.generate(4096, new SecureRandom()).privateKey();
    }

    /**
     * A server at a free loopback port, on {@code memory:}, a fresh SQLite file {@code dir/name.db}
     * ({@code sqlite}), or its own store of a store URL ({@link LoadStore#nodeUrl}).
     */
    static MeshHttpServer start(String store, Path dir, String name, RsaPrivateKey key, int syncPageSize)
            throws IOException {
        int port = freePort();
        MeshServer.Builder engine = MeshServer.builder()
                .origin("http://127.0.0.1:" + port)
                .serverKey(key)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .config(MeshConfig.DEFAULTS.withAllowPrivatePeerAddresses(true).withSyncPageSize(syncPageSize));
        if (store.equals("memory:")) {
            engine.packetStore(new InMemoryPacketStore())
                    .tombstoneStore(new InMemoryTombstoneStore())
                    .peerStore(new InMemoryPeerStore())
                    .replayGuard(new InMemoryReplayGuardStore());
        } else {
            // "sqlite" (the default file in dir) or any store URL, each server on its own store.
            String url = LoadStore.nodeUrl(store.equals("sqlite") ? "sqlite:" + dir : store, name);
            Database database = LoadStore.open(url).database().orElseThrow();
            engine.packetStore(new JdbcMeshPacketStore(database))
                    .tombstoneStore(new JdbcMeshTombstoneStore(database))
                    .peerStore(new JdbcMeshPeerStore(database))
                    .replayGuard(new JdbcReplayGuardStore(database));
        }
        return MeshHttpServer.builder(engine.build())
                .port(port)
                .syncInterval(Duration.ofDays(1))
                .serverExchangeInterval(Duration.ofDays(1))
                .start();
    }

    /**
     * {@code count} distinct packets to {@code recipient}, created now, with inner JSON padded to
     * {@code bucket} bytes (the client's smallest bucket is what a short text message occupies).
     */
    static List<MeshPacket> packets(String recipient, int count, int bucket) {
        List<MeshPacket> packets = new ArrayList<>(count);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        for (int i = 0; i < count; i++) {
            String message = envelope(random, now, bucket);
            String signature = envelope(random, now, 700);
            packets.add(new MeshPacket(
                    recipient, message, signature, MeshCrypto.packetHash(recipient, message, signature)));
        }
        return packets;
    }

    private static String envelope(ThreadLocalRandom random, Instant createdAt, int plaintext) {
        byte[] wrapped = new byte[512];
        byte[] iv = new byte[Envelope.IV_LENGTH];
        byte[] ciphertext = new byte[plaintext + Envelope.TAG_LENGTH];
        random.nextBytes(wrapped);
        random.nextBytes(iv);
        random.nextBytes(ciphertext);
        return Encodings.base64(new Envelope(createdAt, wrapped, iv, ciphertext).encode());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
