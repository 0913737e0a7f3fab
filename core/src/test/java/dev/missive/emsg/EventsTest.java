package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.event.ProtocolEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link EmsgEvent} family: each step reports its event, carrying no contents. */
class EventsTest {

    @Test
    void aConversationReportsItsSteps() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test", EmsgConfig.DEFAULTS.withRateLimits(3, 100));
        TestNetwork.Node b = net.add("b.test");
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User bob = b.user("bob");
        alice.send(alice.client.chat(bob.address(), "secret text"));
        net.pump();
        GroupId group = alice.client.newGroupId();
        alice.send(alice.client.createGroup(group, "G"));
        alice.send(alice.client.memberEvent(SystemEvent.JOINED, group, bob.address()));
        alice.send(alice.client.chat(bob.address(), "over the limit"));
        alice.raw("not json");

        assertThat(a.events(EmsgEvent.SessionAuthenticated.class))
                .extracting(EmsgEvent.SessionAuthenticated::who)
                .containsExactly("alice#a.test");
        assertThat(b.events(EmsgEvent.SessionAuthenticated.class))
                .extracting(EmsgEvent.SessionAuthenticated::who)
                .contains("bob#b.test", "a.test");
        assertThat(a.events(EmsgEvent.MessageAccepted.class))
                .extracting(EmsgEvent.MessageAccepted::type)
                .containsExactly("chat", "group_created", "joined");
        assertThat(a.events(EmsgEvent.MessageAccepted.class).getFirst().queued())
                .isEqualTo(1);
        assertThat(b.events(EmsgEvent.MessageAccepted.class).getFirst().localDeliveries())
                .isEqualTo(1);
        assertThat(a.events(EmsgEvent.GroupChanged.class))
                .extracting(EmsgEvent.GroupChanged::event)
                .containsExactly("group_created", "joined");
        assertThat(a.events(EmsgEvent.RateLimited.class))
                .singleElement()
                .satisfies(r -> assertThat(r.scope()).isEqualTo("sender"));
        assertThat(a.events(EmsgEvent.MessageRejected.class))
                .extracting(EmsgEvent.MessageRejected::code)
                .containsExactly(429, 400);
        assertThat(a.events(EmsgEvent.Delivered.class)).hasSize(1);
        assertThat(b.events(EmsgEvent.DomainKeyPinned.class))
                .extracting(EmsgEvent.DomainKeyPinned::domain)
                .containsExactly("a.test");
        List<ProtocolEvent> all = a.events;
        assertThat(all).allSatisfy(e -> {
            assertThat(e.protocol()).isEqualTo("emsg");
            assertThat(e.toString()).doesNotContain("secret text");
        });
    }
}
