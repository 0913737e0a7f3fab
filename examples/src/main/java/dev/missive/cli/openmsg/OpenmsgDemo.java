package dev.missive.cli.openmsg;

import dev.missive.cli.DemoContext;
import dev.missive.cli.DemoScenario;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.openmsg.JdbcOpenmsgStore;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.PassCode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Openmsg in {@code missive demo}: two nodes over loopback HTTP, pass code, handshake, a message each way. */
public final class OpenmsgDemo implements DemoScenario {

    /** Creates the scenario. */
    public OpenmsgDemo() {}

    @Override
    public String name() {
        return "openmsg";
    }

    @Override
    public String title() {
        return "Openmsg 1.0: two nodes on loopback HTTP, SQLite stores";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        Map<String, URI> bases = new ConcurrentHashMap<>();
        // The demo's stand-in for DNS: each domain maps to its node's loopback port once it listens.
        PeerLocator locator = bases::get;
        OkHttpPeerTransport transport = OkHttpPeerTransport.create();
        Database storeA = demo.closeAtEnd(Database.open("sqlite:" + demo.data().resolve("openmsg-a.db")));
        Database storeB = demo.closeAtEnd(Database.open("sqlite:" + demo.data().resolve("openmsg-b.db")));
        OpenmsgNode nodeA = node("a.missive.test", new JdbcOpenmsgStore(storeA), transport, locator);
        OpenmsgNode nodeB = node("b.missive.test", new JdbcOpenmsgStore(storeB), transport, locator);
        OpenmsgHttpServer serverA =
                demo.closeAtEnd(OpenmsgHttpServer.builder(nodeA).start());
        OpenmsgHttpServer serverB =
                demo.closeAtEnd(OpenmsgHttpServer.builder(nodeB).start());
        bases.put(nodeA.domain(), URI.create("http://127.0.0.1:" + serverA.port() + "/openmsg/"));
        bases.put(nodeB.domain(), URI.create("http://127.0.0.1:" + serverB.port() + "/openmsg/"));
        demo.step(
                "start nodes",
                () -> "a.missive.test on 127.0.0.1:" + serverA.port() + ", b.missive.test on 127.0.0.1:"
                        + serverB.port());
        nodeA.addUser("1000000", "Alice");
        nodeB.addUser("2000000", "Bob");
        OpenmsgAddress alice = nodeA.address("1000000");
        OpenmsgAddress bob = nodeB.address("2000000");

        PassCode code = nodeB.issuePassCode("2000000");
        demo.step("Bob issues a pass code", () -> "6 digits, valid until " + code.expiresAt());
        demo.step("Alice's node runs the handshake with Bob's node", () -> {
            ConnectResult result = nodeA.connect(alice, bob, code.code());
            if (!(result instanceof ConnectResult.Connected connected)) {
                throw new IllegalStateException(result.toString());
            }
            return alice + " connected to " + bob + " (" + connected.otherName() + ")";
        });
        demo.step("Alice sends to Bob", () -> sent(nodeA.send(alice, bob, "Hello Bob!")));
        demo.step("Bob replies to Alice", () -> sent(nodeB.send(bob, alice, "Hi Alice, got it.")));
        demo.step("Bob's inbox", () -> onlyMessage(nodeB.inbox("2000000"), alice, "Hello Bob!"));
        demo.step("Alice's inbox", () -> onlyMessage(nodeA.inbox("1000000"), bob, "Hi Alice, got it."));
    }

    private static OpenmsgNode node(
            String domain, JdbcOpenmsgStore store, OkHttpPeerTransport transport, PeerLocator locator) {
        return OpenmsgNode.builder()
                .domain(domain)
                .store(store)
                .transport(transport)
                .locator(locator)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .build();
    }

    private static String sent(SendResult result) {
        if (!(result instanceof SendResult.Sent sent)) {
            throw new IllegalStateException(result.toString());
        }
        return "accepted (SM_S888), hash " + sent.messageHash().substring(0, 12) + "…";
    }

    private static String onlyMessage(List<InboxMessage> inbox, OpenmsgAddress from, String text) {
        if (inbox.size() != 1
                || !inbox.get(0).sender().equals(from)
                || !inbox.get(0).text().equals(text)) {
            throw new IllegalStateException("expected exactly '" + text + "' from " + from + ", found " + inbox);
        }
        return "1 message from " + from + ": \"" + text + "\"";
    }
}
