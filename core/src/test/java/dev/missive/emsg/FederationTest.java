package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import org.junit.jupiter.api.Test;

class FederationTest {

    @Test
    void oneToOneMessagesCrossDomainsBothWays() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.Node b = net.add("b.test");
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User bob = b.user("bob");

        ClientReply reply = alice.send(alice.client.chat(bob.address(), "Hi Bob!"));
        assertThat(reply).isInstanceOf(ClientReply.Ack.class);
        assertThat(a.outbox.size()).isEqualTo(1);
        net.pump();
        assertThat(a.outbox.size()).isZero();
        assertThat(bob.inbox()).singleElement().satisfies(item -> {
            assertThat(item.message()).isInstanceOf(ChatMessage.class);
            assertThat(((ChatMessage) item.message()).body()).isEqualTo("Hi Bob!");
        });

        bob.send(bob.client.chat(alice.address(), "Hi Alice"));
        net.pump();
        assertThat(alice.inbox())
                .singleElement()
                .satisfies(item ->
                        assertThat(((ChatMessage) item.message()).body()).isEqualTo("Hi Alice"));
    }

    @Test
    void groupAcrossDomainsRelaysEveryEventAndMessage() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.Node b = net.add("b.test");
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User carol = a.user("carol");
        TestNetwork.User bob = b.user("bob");

        GroupId group = alice.client.newGroupId();
        assertThat(alice.send(alice.client.createGroup(group, "Project"))).isInstanceOf(ClientReply.Ack.class);
        assertThat(alice.send(alice.client.memberEvent(SystemEvent.JOINED, group, bob.address())))
                .isInstanceOf(ClientReply.Ack.class);
        assertThat(alice.send(alice.client.memberEvent(SystemEvent.JOINED, group, carol.address())))
                .isInstanceOf(ClientReply.Ack.class);
        net.pump();
        // bob (remote) sends to the group: his server forwards to the origin, which relays.
        assertThat(bob.send(bob.client.groupChat(group, "hello group"))).isInstanceOf(ClientReply.Ack.class);
        net.pump();
        assertThat(alice.inbox()).anySatisfy(i -> assertThat(i.message()).isInstanceOf(ChatMessage.class));
        assertThat(carol.inbox()).anySatisfy(i -> assertThat(i.message()).isInstanceOf(ChatMessage.class));
        alice.send(alice.client.metadataEvent(SystemEvent.GROUP_RENAMED, group, "Renamed"));
        net.pump();
        assertThat(bob.inbox())
                .extracting(i -> i.message() instanceof SystemMessage s ? s.event() : null)
                .contains(SystemEvent.JOINED, SystemEvent.GROUP_RENAMED);
        ClientReply.Group info = (ClientReply.Group) bob.query(bob.client.groupGet(group));
        assertThat(info.name()).isEqualTo("Renamed");
        assertThat(info.members()).containsEntry("alice#a.test", "owner").containsEntry("bob#b.test", "member");
    }
}
