package dev.missive.consumer.openmsg;

import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.OpenmsgReply;
import dev.missive.openmsg.PassCode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.memory.InMemoryOpenmsgStore;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two Openmsg nodes in one JVM: Bob connects to Alice with her pass code (the full handshake,
 * auth and auth-confirm), then sends her a message, which lands in her inbox. The nodes reach each
 * other through a {@link PeerTransport} that hands each request to the other node's
 * {@link OpenmsgNode#handle} instead of going over HTTPS. Exits 0 only if every step succeeded.
 */
public final class Handshake {

    private Handshake() {
    }

    /**
     * Runs the handshake and one message.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Map<String, OpenmsgNode> nodes = new ConcurrentHashMap<>();
        PeerTransport inProcess = (uri, body) -> {
            OpenmsgNode peer = nodes.get(uri.getHost());
            String prefix = "/openmsg/";
            Optional<OpenmsgEndpoint> endpoint = uri.getPath().startsWith(prefix)
                    ? OpenmsgEndpoint.fromPath(uri.getPath().substring(prefix.length()))
                    : Optional.empty();
            if (peer == null) {
                throw new PeerUnreachableException("unknown host " + uri.getHost());
            }
            if (endpoint.isEmpty()) {
                return new PeerResponse(404, new byte[0]);
            }
            OpenmsgReply reply = peer.handle(endpoint.get(), body);
            return new PeerResponse(reply.httpStatus(), reply.body());
        };
        OpenmsgNode a = node("a.example", inProcess);
        OpenmsgNode b = node("b.example", inProcess);
        nodes.put(a.domain(), a);
        nodes.put(b.domain(), b);
        a.addUser("1000000", "Alice");
        b.addUser("2000000", "Bob");
        OpenmsgAddress alice = a.address("1000000");
        OpenmsgAddress bob = b.address("2000000");

        PassCode code = a.issuePassCode("1000000");
        ConnectResult connected = b.connect(bob, alice, code.code());
        check(connected instanceof ConnectResult.Connected, "handshake: " + connected);
        System.out.println("handshake: " + bob + " connected to " + alice);

        SendResult sent = b.send(bob, alice, "Hello Alice, this is Bob.");
        check(sent instanceof SendResult.Sent, "send: " + sent);
        List<InboxMessage> inbox = a.inbox("1000000");
        check(inbox.size() == 1 && inbox.get(0).text().equals("Hello Alice, this is Bob.")
                && inbox.get(0).sender().equals(bob), "inbox: " + inbox);
        System.out.println("message delivered: " + inbox.get(0).text());
    }

    private static OpenmsgNode node(String domain, PeerTransport transport) {
        return OpenmsgNode.builder().domain(domain).store(new InMemoryOpenmsgStore()).transport(transport)
                .clock(Clock.system()).random(RandomSource.secure()).build();
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            System.err.println("FAILED " + what);
            System.exit(1);
        }
    }
}
