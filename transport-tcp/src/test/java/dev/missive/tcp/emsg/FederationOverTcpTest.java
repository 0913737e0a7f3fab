package dev.missive.tcp.emsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two domains federating over TCP on loopback, each finding the other through real DNS packets (SRV
 * for one, TXT for the other) answered by {@link LoopbackDnsServer}: no mocked resolver anywhere.
 */
class FederationOverTcpTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TcpNetwork network = new TcpNetwork();
    private LoopbackDnsServer dns;

    @AfterEach
    void stop() throws Exception {
        network.close();
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void messagesAndAGroupCrossDomainsFoundInDns() throws Exception {
        dns = new LoopbackDnsServer();
        DnsDiscovery discovery = DnsDiscovery.usingServer(dns.address(), Duration.ofSeconds(2));
        TcpNetwork.Node a = network.start("a.test", discovery);
        TcpNetwork.Node b = network.start("b.test", discovery);
        // a.test by SRV to a name with an A record; b.test by a TXT record naming its server.
        dns.srv("_emsg-server._tcp.a.test", 10, 10, a.address().getPort(), "esmp.a.test")
                .a("esmp.a.test", "127.0.0.1")
                .txt(
                        "_emsg.b.test",
                        "{\"server\":\"esmp://127.0.0.1:" + b.address().getPort() + "\"}");

        var alice = a.register("alice");
        var bob = b.register("bob");

        String toBob = alice.send(alice.client().chat(EmsgAddress.parse("bob#b.test"), "Hi Bob"));
        String toAlice = bob.send(bob.client().chat(EmsgAddress.parse("alice#a.test"), "Hi Alice"));

        await().atMost(WAIT)
                .until(() -> !TcpNetwork.inbox(bob).isEmpty()
                        && !TcpNetwork.inbox(alice).isEmpty());
        ChatMessage atBob = (ChatMessage) TcpNetwork.inbox(bob).get(0).message();
        assertThat(atBob.id()).isEqualTo(toBob);
        assertThat(atBob.sender()).hasToString("alice#a.test");
        assertThat(atBob.body()).isEqualTo("Hi Bob");
        ChatMessage atAlice = (ChatMessage) TcpNetwork.inbox(alice).get(0).message();
        assertThat(atAlice.id()).isEqualTo(toAlice);
        assertThat(atAlice.body()).isEqualTo("Hi Alice");
        assertThat(dns.queries()).isPositive();

        GroupId group = alice.client().newGroupId();
        alice.send(alice.client().createGroup(group, "Project"));
        alice.send(alice.client().memberEvent(SystemEvent.JOINED, group, EmsgAddress.parse("bob#b.test")));
        alice.send(alice.client().metadataEvent(SystemEvent.GROUP_RENAMED, group, "Project X"));
        String fromBob = bob.send(bob.client().groupChat(group, "Hello group"));

        await().atMost(WAIT).until(() -> hasGroupChat(TcpNetwork.inbox(alice), fromBob));
        await().atMost(WAIT).until(() -> events(TcpNetwork.inbox(bob)).contains(SystemEvent.GROUP_RENAMED));
        assertThat(events(TcpNetwork.inbox(bob))).contains(SystemEvent.JOINED, SystemEvent.GROUP_RENAMED);
        ClientReply.Group state = (ClientReply.Group) bob.request(bob.client().groupGet(group));
        assertThat(state.name()).isEqualTo("Project X");
        assertThat(state.members()).containsEntry("alice#a.test", "owner").containsEntry("bob#b.test", "member");
    }

    private static boolean hasGroupChat(List<ClientReply.InboxItem> inbox, String id) {
        return inbox.stream()
                .anyMatch(i -> i.message() instanceof ChatMessage c && c.id().equals(id) && c.group() != null);
    }

    private static List<SystemEvent> events(List<ClientReply.InboxItem> inbox) {
        return inbox.stream()
                .filter(i -> i.message() instanceof SystemMessage)
                .map(i -> ((SystemMessage) i.message()).event())
                .toList();
    }
}
