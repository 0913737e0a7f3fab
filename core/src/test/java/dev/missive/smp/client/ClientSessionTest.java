package dev.missive.smp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.missive.smp.SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.TransmissionEncoder;
import dev.missive.testing.SeededRandom;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ClientSessionTest {

    private static final QueueId RID = QueueId.of(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    private static final QueueId OTHER = QueueId.of(new byte[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final List<String> events = new ArrayList<>();
    private final ClientSession session = new ClientSession(written::writeBytes, new ClientSession.Listener() {
        @Override
        public void onMessage(QueueId recipientId, ServerMessage.Msg message) {
            events.add("MSG " + recipientId + " " + new String(message.body(), StandardCharsets.UTF_8));
        }

        @Override
        public void onEnd(QueueId recipientId) {
            events.add("END " + recipientId);
        }

        @Override
        public void onProtocolError(SmpException error) {
            events.add("error " + error.wireCode());
        }
    });
    private final SigningKey key = SignatureScheme.standard().generateKey(new SeededRandom(3));

    private void serverSends(QueueId id, ServerMessage m) {
        byte[] bytes = TransmissionEncoder.server(id, m);
        session.onBytes(bytes, 0, bytes.length);
    }

    private static ServerMessage.Msg msg(String body) {
        return new ServerMessage.Msg(
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                Instant.parse("2026-01-01T00:00:00Z"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesSignedTransmissionsTheServerCanVerify() {
        session.request(key, RID, new Command.Subscribe());
        byte[] signed = TransmissionEncoder.signedPart(RID, new Command.Subscribe());
        String text = written.toString(StandardCharsets.ISO_8859_1);
        String signatureLine = text.substring(0, text.indexOf("\r\n"));
        byte[] signature = java.util.Base64.getDecoder().decode(signatureLine);
        assertThat(SignatureScheme.standard().verify(key.publicKey(), signed, signature))
                .isTrue();
        assertThat(text).endsWith("\r\n" + RID.base64() + "\r\nSUB\r\n");
    }

    @Test
    void aThrowingListenerDoesNotStrandTheRepliesReadWithIt() {
        ClientSession failing = new ClientSession(written::writeBytes, new ClientSession.Listener() {
            @Override
            public void onMessage(QueueId recipientId, ServerMessage.Msg message) {
                throw new IllegalStateException("handler bug");
            }

            @Override
            public void onEnd(QueueId recipientId) {}

            @Override
            public void onProtocolError(SmpException error) {}
        });
        CompletableFuture<ServerMessage> off = failing.request(key, OTHER, new Command.Suspend());
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        read.writeBytes(TransmissionEncoder.server(RID, msg("push")));
        read.writeBytes(TransmissionEncoder.server(OTHER, new ServerMessage.Ok()));
        byte[] bytes = read.toByteArray();

        assertThatThrownBy(() -> failing.onBytes(bytes, 0, bytes.length)).hasMessage("handler bug");
        assertThat(off).isCompletedWithValue(new ServerMessage.Ok());
    }

    @Test
    void repliesCompleteRequestsInOrderAndPushesGoToTheListener() {
        CompletableFuture<ServerMessage> sub = session.request(key, RID, new Command.Subscribe());
        CompletableFuture<ServerMessage> off = session.request(key, OTHER, new Command.Suspend());
        CompletableFuture<ServerMessage> ack = session.request(key, RID, new Command.Acknowledge());

        serverSends(RID, msg("reply to SUB"));
        assertThat(sub).isCompletedWithValue(msg("reply to SUB"));
        serverSends(OTHER, new ServerMessage.End());
        serverSends(OTHER, new ServerMessage.Err(SmpError.AUTH));
        assertThat(off).isCompletedWithValue(new ServerMessage.Err(SmpError.AUTH));
        serverSends(RID, new ServerMessage.Ok());
        assertThat(ack).isCompletedWithValue(new ServerMessage.Ok());
        serverSends(RID, msg("push"));
        assertThat(events).containsExactly("MSG " + RID + " reply to SUB", "END " + OTHER, "MSG " + RID + " push");
        assertThat(session.pendingCount()).isZero();
    }

    @Test
    void msgForAnotherQueueIsAPushEvenWithARequestPending() {
        CompletableFuture<ServerMessage> sub = session.request(key, RID, new Command.Subscribe());
        serverSends(OTHER, msg("other queue"));
        assertThat(sub).isNotDone();
        serverSends(RID, new ServerMessage.Ok());
        assertThat(sub).isCompletedWithValue(new ServerMessage.Ok());
    }

    @Test
    void replyWithoutRequestAndGarbageAreReportedAndTheSessionGoesOn() {
        serverSends(RID, new ServerMessage.Ok());
        byte[] garbage = "\r\n\r\nPONG\r\n".getBytes(StandardCharsets.US_ASCII);
        session.onBytes(garbage, 0, garbage.length);
        CompletableFuture<ServerMessage> create = session.request(null, null, new Command.Create(key.publicKey()));
        serverSends(null, new ServerMessage.Ids(RID, OTHER));
        assertThat(create).isCompletedWithValue(new ServerMessage.Ids(RID, OTHER));
        assertThat(events).containsExactly("error ERR PROHIBITED", "error ERR UNKNOWN");
    }

    /** Complete server transmissions that are neither replies nor pushes: each is one reported error. */
    private static final String[] GARBAGE_FRAMES = {
        "\r\n\r\nPONG\r\n",
        "c2ln\r\n\r\nOK\r\n",
        "\r\n!!!\r\nOK\r\n",
        "\r\n\r\nIDS AAAA\r\n",
        "\r\n\r\nERR NOPE\r\n",
        "\r\n\r\nOK extra\r\n"
    };

    /** What a session did with the bytes it read: listener calls and request outcomes, in order. */
    private static final class Trace implements ClientSession.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onMessage(QueueId recipientId, ServerMessage.Msg message) {
            seen.add("MSG " + recipientId + " " + new String(message.body(), StandardCharsets.ISO_8859_1));
        }

        @Override
        public void onEnd(QueueId recipientId) {
            seen.add("END " + recipientId);
        }

        @Override
        public void onProtocolError(SmpException error) {
            seen.add("error " + error.wireCode());
        }
    }

    /** Feeds {@code bytes} in chunks of random sizes (including empty ones). */
    private static void feedInChunks(ClientSession session, byte[] bytes, SplittableRandom random) {
        int off = 0;
        while (off < bytes.length) {
            int len = random.nextInt(Math.min(bytes.length - off, 40) + 1);
            session.onBytes(bytes, off, len);
            off += len;
        }
    }

    private List<CompletableFuture<ServerMessage>> threeRequests(ClientSession s) {
        return List.of(
                s.request(key, RID, new Command.Subscribe()),
                s.request(key, OTHER, new Command.Suspend()),
                s.request(null, null, new Command.Create(key.publicKey())));
    }

    private static List<String> outcomes(List<CompletableFuture<ServerMessage>> requests) {
        return requests.stream()
                .map(r -> r.isDone() ? r.join().line() : "pending")
                .toList();
    }

    @Test
    void anyServerBytesDecodeTheSameHoweverTheyAreSplit() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            String[] pieces = {
                "\r\n",
                "\n",
                "MSG ",
                "IDS ",
                "ERR ",
                "OK",
                "END",
                "AAAA",
                "AQEBAQEBAQEBAQEB",
                " ",
                "5",
                "hello",
                "2020-10-18T20:19:36.874Z",
                "\u00ff",
                "!!",
                "AUTH",
                "SYNTAX 2"
            };
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);

            Trace whole = new Trace();
            ClientSession unsplit = new ClientSession(frame -> {}, whole, 64);
            var unsplitRequests = threeRequests(unsplit);
            unsplit.onBytes(bytes, 0, bytes.length);

            Trace chunked = new Trace();
            ClientSession split = new ClientSession(frame -> {}, chunked, 64);
            var splitRequests = threeRequests(split);
            feedInChunks(split, bytes, random);

            assertThat(chunked.seen).isEqualTo(whole.seen);
            assertThat(outcomes(splitRequests)).isEqualTo(outcomes(unsplitRequests));
            assertThat(split.pendingCount()).isEqualTo(unsplit.pendingCount());
        });
    }

    @Test
    void repliesAmongGarbageAndPushesStillCompleteTheirRequests() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            Trace trace = new Trace();
            ClientSession fresh = new ClientSession(frame -> {}, trace, 64);
            List<CompletableFuture<ServerMessage>> requests = new ArrayList<>();
            List<ServerMessage> replies = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            ByteArrayOutputStream server = new ByteArrayOutputStream();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                ServerMessage reply = switch (random.nextInt(4)) {
                    case 0 -> {
                        requests.add(fresh.request(key, RID, new Command.Subscribe()));
                        ServerMessage m = random.nextBoolean() ? msg("reply " + i) : new ServerMessage.Ok();
                        yield m;
                    }
                    case 1 -> {
                        requests.add(fresh.request(key, RID, new Command.Acknowledge()));
                        yield new ServerMessage.Err(SmpError.PROHIBITED);
                    }
                    case 2 -> {
                        requests.add(fresh.request(key, OTHER, new Command.Suspend()));
                        yield new ServerMessage.Err(SmpError.AUTH);
                    }
                    default -> {
                        requests.add(fresh.request(null, null, new Command.Create(key.publicKey())));
                        yield new ServerMessage.Ids(RID, OTHER);
                    }
                };
                replies.add(reply);
                // before each reply: garbage frames and pushes for the other queue, in any mix
                for (int extra = random.nextInt(4); extra > 0; extra--) {
                    switch (random.nextInt(3)) {
                        case 0 -> {
                            String garbage = GARBAGE_FRAMES[random.nextInt(GARBAGE_FRAMES.length)];
                            server.writeBytes(garbage.getBytes(StandardCharsets.ISO_8859_1));
                            expected.add("error");
                        }
                        case 1 -> {
                            server.writeBytes(TransmissionEncoder.server(OTHER, msg("push " + i)));
                            expected.add("MSG " + OTHER + " push " + i);
                        }
                        default -> {
                            server.writeBytes(TransmissionEncoder.server(OTHER, new ServerMessage.End()));
                            expected.add("END " + OTHER);
                        }
                    }
                }
                QueueId replyQueue = reply instanceof ServerMessage.Ids ? null : RID;
                server.writeBytes(TransmissionEncoder.server(replyQueue, reply));
                if (reply instanceof ServerMessage.Msg m) {
                    expected.add("MSG " + RID + " " + new String(m.body(), StandardCharsets.ISO_8859_1));
                }
            }
            feedInChunks(fresh, server.toByteArray(), random);

            for (int i = 0; i < count; i++) {
                assertThat(requests.get(i)).as("request " + i).isCompletedWithValue(replies.get(i));
            }
            assertThat(fresh.pendingCount()).isZero();
            assertThat(trace.seen)
                    .map(line -> line.startsWith("error ") ? "error" : line)
                    .isEqualTo(expected);
        });
    }

    @Test
    void closeFailsPendingAndLaterRequestsWithoutACause() {
        CompletableFuture<ServerMessage> pending = session.request(key, RID, new Command.Subscribe());
        session.close();
        assertClosedWith(pending, null);
        assertClosedWith(session.request(key, RID, new Command.Delete()), null);
    }

    @Test
    void closeWithACauseFailsPendingAndLaterRequestsWithThatCause() {
        CompletableFuture<ServerMessage> pending = session.request(key, RID, new Command.Subscribe());
        IOException reset = new IOException("connection reset");
        session.close(reset);
        // Only the first close counts: a later one must not replace the reason.
        session.close(new IOException("other"));
        assertClosedWith(pending, reset);
        assertClosedWith(session.request(key, RID, new Command.Delete()), reset);
        assertThat(session.pendingCount()).isZero();
    }

    private static void assertClosedWith(CompletableFuture<ServerMessage> future, Throwable cause) {
        assertThat(future).isCompletedExceptionally().isNotCancelled();
        var closed = assertThatThrownBy(future::join)
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(SmpConnectionClosedException.class);
        if (cause == null) {
            closed.hasNoCause();
        } else {
            closed.hasCause(cause);
        }
    }
}
