package dev.missive.tcp.smp;

import dev.missive.crypto.RsaKeyPair;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.smp.SmpServer;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import java.io.IOException;
import java.security.SecureRandom;

/** Starts an engine with in-memory stores behind an {@link SmpTcpServer} on a free loopback port. */
final class ServerFixture {

    /** One RSA-2048 server key per test JVM: generating it is the slow part. */
    static final RsaKeyPair SERVER_KEY = RsaPrivateKey.generate(2048, new SecureRandom());

    private ServerFixture() {}

    static SmpServer engine() {
        return SmpServer.builder()
                .queueStore(new InMemoryQueueStore())
                .messageStore(new InMemoryMessageStore())
                .clock(Clock.system())
                .random(RandomSource.secure())
                .build();
    }

    static SmpTcpServer start(SmpTransportMode mode) throws IOException {
        return start(mode, engine(), ConnectionSettings.DEFAULTS);
    }

    static SmpTcpServer start(SmpTransportMode mode, SmpServer engine, ConnectionSettings settings) throws IOException {
        SmpTcpServer.Builder b =
                SmpTcpServer.builder(engine).host("127.0.0.1").port(0).settings(settings);
        if (mode == SmpTransportMode.ENCRYPTED) {
            b.encrypted(SERVER_KEY.privateKey());
        }
        return b.start();
    }
}
