package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.ServerTransmission;
import dev.missive.testing.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of SEND, SUB, ACK and connection closes by several recipient connections:
 * whatever happens, a message is consumed (acknowledged after being delivered to the acknowledging
 * connection) at most once and in sending order, nothing reaches a connection after its END, at
 * most one connection is ever waiting to acknowledge, and a final drain consumes everything sent.
 */
class DeliveryPropertyTest {

    private static final SigningKey KEY = new Reference2020SignatureScheme().generateKey(new SeededRandom(7));

    /** What the test knows about one recipient connection. */
    private static final class Reader {
        ServerHarness.Connection conn;
        ServerMessage.Msg outstanding;
        boolean ended;
    }

    @Test
    void messagesAreConsumedOnceInOrderWhateverTheInterleaving() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            ServerHarness harness = new ServerHarness(
                    new Reference2020SignatureScheme(), b -> b.config(SmpConfig.DEFAULTS.withQueueQuota(1000)));
            Reader[] readers = new Reader[3];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = new Reader();
                readers[i].conn = harness.connect();
            }
            readers[0].conn.send(null, null, new Command.Create(KEY.publicKey()));
            var ids =
                    (ServerMessage.Ids) readers[0].conn.sink().next().getFirst().message();
            QueueId rid = ids.recipientId();
            var sender = harness.connect();
            List<String> sent = new ArrayList<>();
            List<String> consumed = new ArrayList<>();

            for (int step = 0; step < 60; step++) {
                Reader r = readers[random.nextInt(readers.length)];
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        String body = "m" + sent.size();
                        sender.send(null, ids.senderId(), Command.Send.text(body));
                        assertThat(sender.sink().next())
                                .extracting(t -> t.message().line())
                                .containsExactly("OK");
                        sent.add(body);
                    }
                    case 2 -> {
                        // subscribing again makes this connection the subscriber (again)
                        r.ended = false;
                        r.outstanding = null;
                        r.conn.send(KEY, rid, new Command.Subscribe());
                    }
                    case 3 -> {
                        ServerMessage.Msg acked = r.outstanding;
                        r.conn.send(KEY, rid, new Command.Acknowledge());
                        List<ServerTransmission> replies = r.conn.sink().next();
                        boolean prohibited = replies.stream().anyMatch(t -> t.message() instanceof ServerMessage.Err);
                        assertThat(prohibited)
                                .as("ACK is refused exactly when nothing is outstanding here")
                                .isEqualTo(acked == null);
                        if (acked != null) {
                            consumed.add(text(acked));
                            r.outstanding = null;
                        }
                        observe(r, replies);
                    }
                    default -> {
                        r.conn.session().close();
                        r.conn = harness.connect();
                        r.outstanding = null;
                        r.ended = false;
                    }
                }
                for (Reader each : readers) {
                    observe(each, each.conn.sink().next());
                }
                assertThat(Arrays.stream(readers)
                                .filter(x -> x.outstanding != null)
                                .count())
                        .isLessThanOrEqualTo(1);
            }

            // drain on a fresh connection
            Reader last = new Reader();
            last.conn = harness.connect();
            last.conn.send(KEY, rid, new Command.Subscribe());
            observe(last, last.conn.sink().next());
            while (last.outstanding != null) {
                consumed.add(text(last.outstanding));
                last.outstanding = null;
                last.conn.send(KEY, rid, new Command.Acknowledge());
                observe(last, last.conn.sink().next());
            }
            assertThat(consumed).isEqualTo(sent);
        });
    }

    private static void observe(Reader r, List<ServerTransmission> transmissions) {
        for (ServerTransmission t : transmissions) {
            switch (t.message()) {
                case ServerMessage.Msg msg -> {
                    assertThat(r.ended).as("MSG after END").isFalse();
                    r.outstanding = msg;
                }
                case ServerMessage.End end -> {
                    r.ended = true;
                    r.outstanding = null;
                }
                default -> {}
            }
        }
    }

    private static String text(ServerMessage.Msg msg) {
        return new String(msg.body(), StandardCharsets.UTF_8);
    }
}
