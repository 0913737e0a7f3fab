package dev.missive.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.cli.MissiveCli;
import dev.missive.crash.NodeProcess;
import dev.missive.crypto.Secret;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two {@code missive openmsg-node} processes for one domain on one PostgreSQL schema, as behind a load
 * balancer ({@code docs/storage.md}, "Several instances on one PostgreSQL"). A peer node in this JVM
 * connects through A; its {@code message-receive/} posts can be copied to B as well, so the same
 * message reaches both instances.
 */
class OpenmsgClusterProcessTest {

    @RegisterExtension
    static final PostgresBackend POSTGRES = new PostgresBackend();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODE_DOMAIN = "node.example";
    private static final String PEER_DOMAIN = "peer.example";
    private static final String NODE_USER = "2000000";
    private static final String PEER_USER = "1000000";
    private static final String OTHER_PEER_USER = "1000001";

    private final OkHttpPeerTransport http = OkHttpPeerTransport.create();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    /** The answers of A and B to the copied {@code message-receive/} posts, in the order they came. */
    private final List<PeerResponse> copiedAnswers = new CopyOnWriteArrayList<>();

    private volatile boolean copyToB;
    private volatile boolean concurrently;
    private OpenmsgNode peer;
    private OpenmsgHttpServer peerServer;
    private NodeProcess a;
    private NodeProcess b;
    /** The instance the peer's load balancer sends to: A unless a test says otherwise. */
    private volatile NodeProcess target;

    @BeforeEach
    void start(@TempDir Path logs) throws Exception {
        peer = OpenmsgNode.builder()
                .domain(PEER_DOMAIN)
                .store(new InMemoryOpenmsgStore())
                .transport(this::post)
                .locator(domain -> base(target))
                .clock(Clock.system())
                .random(RandomSource.secure())
                .config(OpenmsgConfig.DEFAULTS)
                .build();
        peer.addUser(PEER_USER, "Peer");
        peer.addUser(OTHER_PEER_USER, "Other peer");
        peerServer = OpenmsgHttpServer.builder(peer).host("127.0.0.1").port(0).start();
        List<String> arguments = List.of(
                "openmsg-node",
                "--domain",
                NODE_DOMAIN,
                "--port",
                "0",
                "--store",
                store(),
                "--user",
                NODE_USER + ":Node",
                "--peer",
                PEER_DOMAIN + "=http://127.0.0.1:" + peerServer.port() + "/openmsg/");
        a = NodeProcess.start(arguments, logs, "openmsg-a");
        b = NodeProcess.start(arguments, logs, "openmsg-b");
        target = a;
    }

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
        if (peerServer != null) {
            peerServer.close();
        }
        threads.close();
    }

    /** The peer's outbound POSTs: to A, and a {@code message-receive/} copied to B when asked. */
    private PeerResponse post(URI endpoint, byte[] body) throws PeerUnreachableException {
        if (!copyToB || !endpoint.getPath().endsWith("/message-receive/")) {
            return http.post(endpoint, body);
        }
        URI onB = base(b).resolve(base(a).relativize(endpoint));
        if (!concurrently) {
            PeerResponse fromA = http.post(endpoint, body);
            copiedAnswers.add(fromA);
            copiedAnswers.add(http.post(onB, body));
            return fromA;
        }
        CompletableFuture<PeerResponse> fromB = CompletableFuture.supplyAsync(() -> postUnchecked(onB, body), threads);
        PeerResponse fromA = http.post(endpoint, body);
        copiedAnswers.add(fromA);
        copiedAnswers.add(fromB.join());
        return fromA;
    }

    private PeerResponse postUnchecked(URI endpoint, byte[] body) {
        try {
            return http.post(endpoint, body);
        } catch (PeerUnreachableException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameMessagePostedToBothInstancesAtOnceIsStoredOnce() throws Exception {
        connect(PEER_USER, passCode());
        copyToB = true;
        concurrently = true;

        peer.send(peer.address(PEER_USER), OpenmsgAddress.of(NODE_USER, NODE_DOMAIN), "to both at once");

        // The loser is refused either by the shared replay guard (SM_E007) or, when both passed it before
        // either committed, by the sender's single-use confirmation callback (SM_E003): stored once either way.
        assertThat(codes()).containsOnlyOnce("SM_S888").hasSize(2);
        assertThat(codes())
                .filteredOn(code -> !code.equals("SM_S888"))
                .singleElement()
                .isIn("SM_E007", "SM_E003");
        assertThat(inbox()).containsOnlyOnce("to both at once");
    }

    @Test
    void aMessageAcceptedByOneInstanceIsAReplayOnTheOther() throws Exception {
        connect(PEER_USER, passCode());
        copyToB = true;

        SendResult sent = peer.send(peer.address(PEER_USER), OpenmsgAddress.of(NODE_USER, NODE_DOMAIN), "to A, then B");

        assertThat(sent).isInstanceOf(SendResult.Sent.class);
        assertThat(codes()).containsExactly("SM_S888", "SM_E007");
        assertThat(inbox()).containsOnlyOnce("to A, then B");
    }

    @Test
    void aPassCodeUsedThroughOneInstanceIsRefusedByTheOther() throws Exception {
        String passCode = passCode();
        connect(PEER_USER, passCode);

        target = b;
        ConnectResult again = peer.connect(
                peer.address(OTHER_PEER_USER), OpenmsgAddress.of(NODE_USER, NODE_DOMAIN), Secret.ofText(passCode));

        assertThat(again.isConnected())
                .as("second use of a pass code through B: %s", again)
                .isFalse();
    }

    private void connect(String user, String passCode) {
        ConnectResult connected =
                peer.connect(peer.address(user), OpenmsgAddress.of(NODE_USER, NODE_DOMAIN), Secret.ofText(passCode));
        assertThat(connected.isConnected()).as("handshake: %s", connected).isTrue();
    }

    private List<String> codes() throws IOException {
        List<String> codes = new ArrayList<>();
        for (PeerResponse answer : copiedAnswers) {
            codes.add(JSON.readTree(answer.body()).path("response_code").asText());
        }
        return codes;
    }

    private String passCode() {
        return cli("openmsg", "passcode", "--store", store(), "--user", NODE_USER)
                .strip();
    }

    private List<String> inbox() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : cli("openmsg", "inbox", "--store", store(), "--user", NODE_USER)
                .lines()
                .toList()) {
            texts.add(JSON.readTree(line).path("text").asText());
        }
        return texts;
    }

    private static String store() {
        return POSTGRES.url().jdbcUrl();
    }

    private static URI base(NodeProcess node) {
        InetSocketAddress socket = node.address();
        return URI.create("http://" + socket.getAddress().getHostAddress() + ":" + socket.getPort() + "/openmsg/");
    }

    /** An operator command in this JVM, as its own process would run it. */
    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute(args))
                .as("missive %s: %s", String.join(" ", args), err)
                .isZero();
        return out.toString();
    }
}
