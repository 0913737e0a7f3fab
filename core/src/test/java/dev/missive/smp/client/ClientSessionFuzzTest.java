package dev.missive.smp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.smp.SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpException;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.testing.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Arbitrary bytes from a server, in arbitrary chunks, never throw out of
 * {@link ClientSession#onBytes}: every transmission is a reply, a push or a reported protocol
 * error, and each pending request is completed with a reply at most once and in order. Regression
 * mode (the normal build) replays the committed inputs under {@code ClientSessionFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} explores.
 */
class ClientSessionFuzzTest {

    private static final SigningKey KEY = SignatureScheme.standard().generateKey(new SeededRandom(3));
    private static final QueueId RID = QueueId.of(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    private static final QueueId OTHER = QueueId.of(new byte[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});

    @FuzzTest(maxDuration = "60s")
    void arbitraryServerBytesAreRepliesPushesOrReportedErrors(FuzzedDataProvider data) {
        List<SmpException> errors = new ArrayList<>();
        List<Object> pushes = new ArrayList<>();
        ClientSession session = new ClientSession(
                frame -> {},
                new ClientSession.Listener() {
                    @Override
                    public void onMessage(QueueId recipientId, ServerMessage.Msg message) {
                        pushes.add(message);
                    }

                    @Override
                    public void onEnd(QueueId recipientId) {
                        pushes.add(recipientId);
                    }

                    @Override
                    public void onProtocolError(SmpException error) {
                        errors.add(error);
                    }
                },
                256);
        List<CompletableFuture<ServerMessage>> requests = List.of(
                session.request(KEY, RID, new Command.Subscribe()),
                session.request(null, null, new Command.Create(KEY.publicKey())),
                session.request(KEY, OTHER, new Command.Suspend()),
                session.request(KEY, RID, new Command.Acknowledge()));

        while (data.remainingBytes() > 0) {
            int chunk = data.consumeInt(1, 512);
            byte[] bytes = data.consumeBytes(chunk);
            session.onBytes(bytes, 0, bytes.length);
        }

        long completed = requests.stream().filter(CompletableFuture::isDone).count();
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.isCompletedExceptionally()).isFalse());
        assertThat(requests.subList(0, (int) completed))
                .as("replies complete requests in order")
                .allMatch(CompletableFuture::isDone);
        assertThat(session.pendingCount()).isEqualTo(requests.size() - completed);
        assertThat(errors).allSatisfy(e -> assertThat(e.wireCode()).startsWith("ERR "));
        session.close();
        assertThat(requests).allMatch(CompletableFuture::isDone);
    }
}
