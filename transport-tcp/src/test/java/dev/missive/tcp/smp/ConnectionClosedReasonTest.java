package dev.missive.tcp.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.missive.smp.client.ClientSession;
import dev.missive.smp.client.SmpConnectionClosedException;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.ServerAddress;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A client connection that ends abnormally tells its pending (and later) requests why. */
class ConnectionClosedReasonTest {

    private static final QueueId QUEUE = QueueId.of(new byte[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7});

    @Test
    void serverClosingTheConnectionFailsPendingRequestsWithEndOfStream() throws Exception {
        Throwable cause = pendingRequestFailureWhenServer(s -> {
            // FIN, not RST: everything the client sent has been read or is read below.
            s.shutdownOutput();
            s.getInputStream().readAllBytes();
        });
        assertThat(cause).isInstanceOf(EOFException.class);
    }

    @Test
    void serverResettingTheConnectionFailsPendingRequestsWithTheSocketError() throws Exception {
        Throwable cause = pendingRequestFailureWhenServer(s -> {
            s.setSoLinger(true, 0); // close() now sends RST
            s.close();
        });
        assertThat(cause).isInstanceOf(IOException.class).isNotInstanceOf(EOFException.class);
    }

    private interface ServerAction {
        void run(Socket accepted) throws IOException;
    }

    /**
     * Connects an {@link SmpTcpClient} in plain mode to a fake server that reads the first request
     * and then does {@code action}; returns the cause carried by the request's failure, after
     * checking that a later request fails the same way at once.
     */
    private static Throwable pendingRequestFailureWhenServer(ServerAction action) throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread serverSide = Thread.ofVirtual().start(() -> {
                try (Socket s = fake.accept()) {
                    s.getInputStream().read(); // the request is on its way
                    action.run(s);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SmpTcpClient tcp = SmpTcpClient.connect(ServerAddress.plain("127.0.0.1", fake.getLocalPort()))) {
                ClientSession session = tcp.client().session();
                CompletableFuture<ServerMessage> pending = session.request(null, QUEUE, new Command.Subscribe());
                await().atMost(Duration.ofSeconds(20)).until(pending::isDone);
                Throwable cause = closedCause(pending);
                assertThat(tcp.isClosed()).isTrue();

                CompletableFuture<ServerMessage> later = session.request(null, QUEUE, new Command.Subscribe());
                assertThat(later).isDone();
                assertThat(closedCause(later)).isSameAs(cause);
                serverSide.join(20_000);
                return cause;
            }
        }
    }

    /** The cause inside the {@link SmpConnectionClosedException} that {@code failed} completed with. */
    static Throwable closedCause(CompletableFuture<?> failed) {
        assertThat(failed).isCompletedExceptionally().isNotCancelled();
        Throwable thrown = catchThrowable(failed::join);
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(SmpConnectionClosedException.class);
        assertThat(thrown.getCause().getCause()).isNotNull();
        return thrown.getCause().getCause();
    }
}
