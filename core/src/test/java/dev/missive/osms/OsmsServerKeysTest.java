package dev.missive.osms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.osms.memory.InMemoryServerKeyStore;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.testing.ManualClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The server key is generated once and then always loaded. */
class OsmsServerKeysTest {

    @Test
    void theKeyIsGeneratedOnceAndKept() {
        var store = new InMemoryServerKeyStore();
        var clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        AtomicInteger generated = new AtomicInteger();
        OtrKeyPair first = OsmsServerKeys.loadOrCreate(
                store,
                () -> {
                    generated.incrementAndGet();
                    return OsmsHarness.SERVER_KEY;
                },
                clock);
        OtrKeyPair again = OsmsServerKeys.loadOrCreate(
                store,
                () -> {
                    generated.incrementAndGet();
                    return OsmsHarness.ALICE_KEY;
                },
                clock);
        assertThat(generated).hasValue(1);
        assertThat(OtrPublicKey.of(again.publicKey())).isEqualTo(OtrPublicKey.of(first.publicKey()));
        assertThat(OtrPublicKey.of(first.publicKey())).isEqualTo(OtrPublicKey.of(OsmsHarness.SERVER_KEY.publicKey()));
        assertThat(store.load().orElseThrow().createdAt()).isEqualTo(clock.now());
        assertThat(first.toString())
                .doesNotContain(first.revealPrivateKey().getX().toString(16));
    }
}
