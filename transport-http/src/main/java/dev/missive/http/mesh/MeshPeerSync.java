package dev.missive.http.mesh;

import dev.missive.http.FailureKinds;
import dev.missive.http.HttpPeerClient;
import dev.missive.mesh.MeshCall;
import dev.missive.mesh.MeshServer;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link MeshServer}'s sync rounds over HTTP. The engine decides every call (a page of
 * hashes, the fetches and pushes it implies, the next page) and what each answer means; this class
 * only carries them: for each peer it takes the engine's calls from a queue, makes each one with
 * {@link HttpPeerClient} and hands the answer back ({@link MeshServer#onReply}) or reports the
 * failure ({@link MeshServer#onCallFailed}, which ends that peer's round). Peers are synced in
 * parallel, one virtual thread each; rounds never overlap.
 */
public final class MeshPeerSync {

    private static final Logger LOG = LoggerFactory.getLogger(MeshPeerSync.class);

    private final MeshServer server;
    private final HttpPeerClient client;
    private final ReentrantLock running = new ReentrantLock();

    /**
     * Sync for {@code server} through {@code client}.
     *
     * @param server the engine
     * @param client the outbound client; its response cap should be the engine's
     *               {@code config().maxSyncBodyBytes()}
     */
    public MeshPeerSync(MeshServer server, HttpPeerClient client) {
        this.server = Objects.requireNonNull(server, "server");
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * An outbound client for sync: the default timeouts, and answers capped at the engine's sync cap.
     *
     * @param server the engine whose cap applies
     * @return the client builder, to add trust or a base client
     */
    public static HttpPeerClient.Builder clientFor(MeshServer server) {
        return HttpPeerClient.builder().maxResponseBytes(server.config().maxSyncBodyBytes());
    }

    /**
     * One sync round with every active peer, in parallel; returns when all have ended.
     *
     * @return what the round did
     */
    public RoundSummary syncRound() {
        return eachPeer(server::startSync);
    }

    /**
     * One server-list exchange with every active peer ({@code POST /sync/servers}).
     *
     * @return what the exchange did
     */
    public RoundSummary exchangeServers() {
        return eachPeer(server::startServerExchange);
    }

    private RoundSummary eachPeer(Function<String, List<MeshCall>> start) {
        running.lock();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RoundSummary>> rounds = new ArrayList<>();
            for (String peer : server.syncTargets()) {
                rounds.add(threads.submit(() -> drive(start.apply(peer))));
            }
            RoundSummary total = RoundSummary.EMPTY;
            for (Future<RoundSummary> round : rounds) {
                total = total.plus(round.get());
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RoundSummary.EMPTY;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sync round failed", e.getCause());
        } finally {
            running.unlock();
        }
    }

    /** Makes the calls of one peer's round until the engine asks for no more or a call fails. */
    private RoundSummary drive(List<MeshCall> first) {
        Deque<MeshCall> calls = new ArrayDeque<>(first);
        int made = 0;
        int failed = 0;
        long sent = 0;
        long received = 0;
        while (!calls.isEmpty()) {
            MeshCall call = calls.poll();
            URI uri = URI.create(call.peerUrl() + call.endpoint().path());
            byte[] body = call.body();
            made++;
            sent += body.length;
            HttpPeerClient.Answer answer;
            try {
                answer = "GET".equals(call.endpoint().method()) ? client.get(uri) : client.post(uri, body);
            } catch (IOException e) {
                failed++;
                LOG.debug("mesh sync call {} failed: {}", call, e.toString());
                server.onCallFailed(call, FailureKinds.of(e));
                break;
            }
            byte[] reply = answer.body();
            received += reply.length;
            calls.addAll(server.onReply(call, answer.status(), reply));
        }
        return new RoundSummary(first.isEmpty() ? 0 : 1, made, failed, sent, received);
    }

    /**
     * What a round did, summed over its peers.
     *
     * @param peers         peers the round started with
     * @param calls         HTTP calls made
     * @param failedCalls   calls that got no answer (each ends its peer's round)
     * @param bytesSent     request body bytes sent
     * @param bytesReceived response body bytes received
     */
    public record RoundSummary(int peers, int calls, int failedCalls, long bytesSent, long bytesReceived) {

        /** Nothing done. */
        public static final RoundSummary EMPTY = new RoundSummary(0, 0, 0, 0, 0);

        /**
         * The sum of two summaries.
         *
         * @param other the other summary
         * @return the sum
         */
        public RoundSummary plus(RoundSummary other) {
            return new RoundSummary(
                    peers + other.peers,
                    calls + other.calls,
                    failedCalls + other.failedCalls,
                    bytesSent + other.bytesSent,
                    bytesReceived + other.bytesReceived);
        }
    }
}
