package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.testing.SeededRandom;

/**
 * Arbitrary bytes, in arbitrary chunks, fed to one session never throw out of the engine and never
 * disturb another connection's queue. Regression mode (the normal build) replays the committed
 * inputs under {@code ServerSessionFuzzTestInputs}; {@code JAZZER_FUZZ=1} explores.
 */
class ServerSessionFuzzTest {

    private static final SigningKey RECIPIENT = SignatureScheme.standard().generateKey(new SeededRandom(1));

    @FuzzTest(maxDuration = "60s")
    void arbitraryBytesNeverEscapeTheSession(FuzzedDataProvider data) {
        ServerHarness harness = new ServerHarness(
                SignatureScheme.standard(),
                b -> b.config(SmpConfig.DEFAULTS.withMaxBodySize(256).withQueueQuota(4)));
        var victim = harness.connect();
        var ids = victim.create(RECIPIENT);

        var attacker = harness.connect();
        while (data.remainingBytes() > 0) {
            int chunk = data.consumeInt(1, 512);
            byte[] bytes = data.consumeBytes(chunk);
            attacker.session().onBytes(bytes, 0, bytes.length);
        }
        attacker.session().close();

        // the victim's connection and queue still work exactly as before
        var sender = harness.connect();
        sender.send(null, ids.senderId(), Command.Send.text("still works"));
        assertThat(sender.sink().next()).extracting(t -> t.message().line()).containsExactly("OK");
        victim.send(RECIPIENT, ids.recipientId(), new Command.Subscribe());
        assertThat(victim.sink().next()).anySatisfy(t -> assertThat(t.message()).isInstanceOf(ServerMessage.Msg.class));
    }
}
