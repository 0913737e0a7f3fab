package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import dev.missive.emsg.model.Visibility;
import dev.missive.emsg.spi.ProfileValue;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every viewer relation &times; every visibility, through {@code profile_get} (remote viewers over
 * federation), against the table of {@code docs/emsg.md}, "Profiles".
 */
class ProfileVisibilityMatrixTest {

    @ParameterizedTest(name = "{0} sees {1}: {2}")
    @CsvSource({
        "SELF,PUBLIC,true", "SELF,CONTACTS,true", "SELF,PRIVATE,true",
        "LOCAL_CONTACT,PUBLIC,true", "LOCAL_CONTACT,CONTACTS,true", "LOCAL_CONTACT,PRIVATE,false",
        "LOCAL_STRANGER,PUBLIC,true", "LOCAL_STRANGER,CONTACTS,false", "LOCAL_STRANGER,PRIVATE,false",
        "REMOTE_CONTACT,PUBLIC,true", "REMOTE_CONTACT,CONTACTS,true", "REMOTE_CONTACT,PRIVATE,false",
        "REMOTE_STRANGER,PUBLIC,true", "REMOTE_STRANGER,CONTACTS,false", "REMOTE_STRANGER,PRIVATE,false"
    })
    void answersShowOnlyWhatTheViewerMaySee(String viewer, Visibility visibility, boolean sees) throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.Node b = net.add("b.test");
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User localContact = a.user("carol");
        TestNetwork.User localStranger = a.user("dan");
        TestNetwork.User remoteContact = b.user("bob");
        TestNetwork.User remoteStranger = b.user("erin");
        // Contacts: one added explicitly, one by a one-to-one message.
        alice.query(alice.client.contactAdd(localContact.address()));
        alice.send(alice.client.chat(remoteContact.address(), "hi"));
        alice.query(alice.client.profileSet(
                Map.of(ProfileField.FIRST_NAME, new ProfileValue("Alice", visibility)), Set.of()));

        TestNetwork.User who = switch (viewer) {
            case "SELF" -> alice;
            case "LOCAL_CONTACT" -> localContact;
            case "LOCAL_STRANGER" -> localStranger;
            case "REMOTE_CONTACT" -> remoteContact;
            default -> remoteStranger;
        };
        ClientReply.Profile profile = (ClientReply.Profile) who.query(who.client.profileGet(alice.address()));
        assertThat(profile.address()).isEqualTo("alice#a.test");
        if (sees) {
            assertThat(profile.fields()).containsEntry("first_name", "Alice");
        } else {
            assertThat(profile.fields()).doesNotContainKey("first_name");
        }
        assertThat(Profiles.visible(visibility, relation(viewer))).isEqualTo(sees);
    }

    private static Profiles.Relation relation(String viewer) {
        return switch (viewer) {
            case "SELF" -> Profiles.Relation.SELF;
            case "LOCAL_CONTACT", "REMOTE_CONTACT" -> Profiles.Relation.CONTACT;
            default -> Profiles.Relation.OTHER;
        };
    }

    @Test
    void contactsAreToldOfChangesTheyMaySeeOnly() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.Node b = net.add("b.test");
        TestNetwork.User alice = a.user("alice");
        TestNetwork.User carol = a.user("carol");
        TestNetwork.User bob = b.user("bob");
        alice.query(alice.client.contactAdd(carol.address()));
        alice.query(alice.client.contactAdd(bob.address()));
        alice.query(alice.client.profileSet(
                Map.of(
                        ProfileField.LAST_NAME, new ProfileValue("Liddell", Visibility.CONTACTS),
                        ProfileField.ADDRESS, new ProfileValue("Wonderland 1", Visibility.PRIVATE)),
                Set.of()));
        net.pump();
        for (TestNetwork.User contact : new TestNetwork.User[] {carol, bob}) {
            assertThat(contact.inbox()).singleElement().satisfies(item -> {
                SystemMessage notice = (SystemMessage) item.message();
                assertThat(notice.event()).isEqualTo(SystemEvent.PROFILE_UPDATED);
                assertThat(notice.subject()).isEqualTo(alice.address());
                assertThat(notice.fields()).containsExactly(ProfileField.LAST_NAME);
                assertThat(notice.sender().toString()).isEqualTo("system#a.test");
            });
        }
        // Only the private field changes: nobody is told.
        alice.query(alice.client.profileSet(
                Map.of(ProfileField.ADDRESS, new ProfileValue("Wonderland 2", Visibility.PRIVATE)), Set.of()));
        net.pump();
        assertThat(carol.inbox()).hasSize(1);
        assertThat(a.events(EmsgEvent.ProfileUpdated.class))
                .extracting(EmsgEvent.ProfileUpdated::notices)
                .containsExactly(2, 0);
    }
}
