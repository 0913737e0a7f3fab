package dev.missive.osms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.client.PollResult;
import dev.missive.osms.client.ReceivedText;
import dev.missive.osms.client.SendResult;
import dev.missive.osms.client.UserInfo;
import dev.missive.osms.memory.InMemoryPinStore;
import dev.missive.osms.model.OsmsError;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.PinRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users talking through the server: consent, relaying, rename, key changes, SMP. */
class MessagingTest {

    private static final Username ALICE = Username.of("alice");
    private static final Username BOB = Username.of("bob");

    private final OsmsHarness h = new OsmsHarness();
    private OsmsClient alice;
    private OsmsClient bob;

    @BeforeEach
    void logIn() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        h.register("bob", OsmsHarness.BOB_KEY);
        alice = h.client(OsmsHarness.ALICE_KEY);
        bob = h.client(OsmsHarness.BOB_KEY);
        alice.login(ALICE);
        bob.login(BOB);
    }

    /** Both clients poll in turn until neither has anything left; returns the texts each received. */
    private List<ReceivedText> pump(List<PollResult> aliceResults, List<PollResult> bobResults) throws Exception {
        List<ReceivedText> texts = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            PollResult b = bob.poll();
            PollResult a = alice.poll();
            bobResults.add(b);
            aliceResults.add(a);
            texts.addAll(b.texts());
            texts.addAll(a.texts());
            if (a.processed() == 0 && b.processed() == 0) {
                break;
            }
        }
        return texts;
    }

    @Test
    void mutuallyAuthorizedUsersExchangeTextsTheServerNeverSees() throws Exception {
        assertThat(alice.authorize(BOB)).isFalse();
        assertThat(bob.authorize(ALICE)).isTrue();

        assertThat(alice.send(BOB, "hello bob")).isEqualTo(SendResult.PENDING);
        // Alice's queued query is all the server holds for Bob: no plaintext.
        var bobId = h.users.findByUsername(BOB).orElseThrow().id();
        assertThat(h.queue.list(bobId, 10))
                .allSatisfy(i -> assertThat(i.message()).doesNotContain("hello"));

        List<PollResult> a = new ArrayList<>();
        List<PollResult> b = new ArrayList<>();
        List<ReceivedText> texts = pump(a, b);
        assertThat(texts)
                .extracting(ReceivedText::from, ReceivedText::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "hello bob"));
        assertThat(alice.hasPending()).isFalse();

        // The conversation is open: the next text goes straight out, and a reply comes back.
        assertThat(alice.send(BOB, "second")).isEqualTo(SendResult.SENT);
        assertThat(bob.poll().texts()).extracting(ReceivedText::text).containsExactly("second");
        assertThat(bob.send(ALICE, "hi alice")).isEqualTo(SendResult.SENT);
        assertThat(alice.poll().texts()).extracting(ReceivedText::text).containsExactly("hi alice");

        // Acknowledged items leave the server.
        alice.acknowledge();
        bob.acknowledge();
        assertThat(h.queue.count(bobId)).isZero();
        assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOf(OsmsEvent.ConversationEncrypted.class));
    }

    @Test
    void dataBeforeBothSidesAuthorizedIsRefused() throws Exception {
        alice.authorize(BOB); // only one side
        assertThat(alice.consent(BOB)).isEqualTo(new OsmsClient.Consent(true, false));
        assertThat(bob.consent(ALICE).mutual()).isFalse();
        assertThatThrownBy(() -> alice.send(BOB, "too early"))
                .isInstanceOfSatisfying(
                        OsmsException.class, e -> assertThat(e.error()).isEqualTo(OsmsError.CONSENT_REQUIRED));

        // The server refuses by itself: a data message relayed by hand, without consent.
        var raw = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        raw.complete();
        String dataMessage = raw.otr.send("not for bob").get(0);
        String refused = raw.op("{\"op\":\"send\",\"to\":\"bob\",\"message\":\"" + dataMessage + "\"}");
        assertThat(refused).contains("\"error\":\"consent-required\"");
        // AKE traffic between strangers passes.
        assertThat(raw.op("{\"op\":\"send\",\"to\":\"bob\",\"message\":\"?OTRv23?\"}"))
                .contains("\"ok\":true");
        // Plaintext never passes.
        assertThat(raw.op("{\"op\":\"send\",\"to\":\"bob\",\"message\":\"hello\"}"))
                .contains("\"error\":\"malformed\"");
        var bobId = h.users.findByUsername(BOB).orElseThrow().id();
        assertThat(h.queue.list(bobId, 10)).extracting(i -> i.message()).containsExactly("?OTRv23?");
        assertThat(h.events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                OsmsEvent.Refused.class,
                                r -> assertThat(r.error()).isEqualTo(OsmsError.CONSENT_REQUIRED)));
    }

    @Test
    void itemsStayQueuedUntilAcknowledged() throws Exception {
        alice.authorize(BOB);
        bob.authorize(ALICE);
        alice.send(BOB, "kept");
        var bobId = h.users.findByUsername(BOB).orElseThrow().id();
        PollResult first = bob.poll();
        assertThat(first.processed()).isEqualTo(1);
        // not acknowledged yet: still on the server
        assertThat(h.queue.count(bobId)).isEqualTo(1);
        bob.acknowledge();
        assertThat(h.queue.count(bobId)).isZero();
    }

    @Test
    void renameKeepsTheKeyAndTheOldNameIsFree() throws Exception {
        OtrPublicKey before = h.users.findByUsername(ALICE).orElseThrow().publicKey();
        alice.rename(Username.of("Alicia"));
        assertThat(alice.username()).contains(Username.of("alicia"));

        var carol = h.client(OsmsHarness.MALLORY_KEY);
        assertThat(carol.getUser(Username.of("alicia")).publicKey()).isEqualTo(before);
        assertThatThrownBy(() -> carol.getUser(ALICE))
                .isInstanceOfSatisfying(
                        OsmsException.class, e -> assertThat(e.error()).isEqualTo(OsmsError.UNKNOWN_USER));
        assertThatThrownBy(() -> bob.rename(Username.of("alicia")))
                .isInstanceOfSatisfying(
                        OsmsException.class, e -> assertThat(e.error()).isEqualTo(OsmsError.USERNAME_TAKEN));

        // The same key logs in under the new name.
        alice.logout();
        var again = h.client(OsmsHarness.ALICE_KEY);
        again.login(Username.of("alicia"));
        assertThat(again.isLoggedIn()).isTrue();
    }

    @Test
    void aKeyChangeSurfacesInTheTofuStore() throws Exception {
        InMemoryPinStore carolPins = new InMemoryPinStore();
        h.register("carol", OsmsHarness.MALLORY_KEY);
        var carol = h.client(OsmsHarness.MALLORY_KEY, carolPins);
        carol.login(Username.of("carol"));
        UserInfo first = carol.getUser(ALICE);
        assertThat(first.pin()).isEqualTo(UserInfo.PinCheck.PINNED_NOW);
        String pinned = first.publicKey().fingerprintHex();
        assertThat(carol.getUser(ALICE).pin()).isEqualTo(UserInfo.PinCheck.MATCHES);

        // Alice publishes another key (here: one nobody else uses).
        var newKey = dev.missive.crypto.otr.OtrKeyPair.generate(new java.security.SecureRandom());
        alice.publishKey(OtrPublicKey.of(newKey.publicKey()));

        UserInfo after = carol.getUser(ALICE);
        assertThat(after.pin()).isEqualTo(UserInfo.PinCheck.CHANGED);
        assertThat(carolPins.find(OsmsHarness.SERVER, "alice"))
                .map(PinRecord::fingerprintHex)
                .contains(pinned);
        assertThat(h.events)
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(OsmsEvent.KeyChanged.class, k -> {
                    assertThat(k.subject()).isEqualTo("alice");
                    assertThat(k.pinned()).isEqualTo(pinned);
                    assertThat(k.received()).isEqualTo(after.publicKey().fingerprintHex());
                    assertThat(k.isFailure()).isTrue();
                }));
        // Sending is refused until the user re-pins.
        assertThatThrownBy(() -> carol.send(ALICE, "x"))
                .isInstanceOf(dev.missive.osms.client.OsmsSecurityException.class);
        assertThat(carol.trustCurrentKey(ALICE)).isEqualTo(after.publicKey().fingerprintHex());
        assertThat(carol.getUser(ALICE).pin()).isEqualTo(UserInfo.PinCheck.MATCHES);
    }

    @Test
    void aKeyInUseCannotBePublishedByAnotherUser() throws Exception {
        assertThatThrownBy(() -> bob.publishKey(OtrPublicKey.of(OsmsHarness.ALICE_KEY.publicKey())))
                .isInstanceOfSatisfying(
                        OsmsException.class, e -> assertThat(e.error()).isEqualTo(OsmsError.KEY_IN_USE));
    }

    @Test
    void aServerKeyOtherThanTheGivenFingerprintStopsTheLogin() throws Exception {
        var wrong = OsmsClient.builder()
                .transport(h.server::handle)
                .clock(h.clock)
                .otr(new dev.missive.crypto.otr.Otr4jEngine())
                .key(OsmsHarness.ALICE_KEY)
                .pinStore(new InMemoryPinStore())
                .server(OsmsHarness.SERVER)
                .serverFingerprint(
                        OtrPublicKey.of(OsmsHarness.BOB_KEY.publicKey()).fingerprintHex())
                .build();
        assertThatThrownBy(() -> wrong.login(ALICE)).isInstanceOf(dev.missive.osms.client.OsmsSecurityException.class);
        assertThat(wrong.isLoggedIn()).isFalse();

        var right = OsmsClient.builder()
                .transport(h.server::handle)
                .clock(h.clock)
                .otr(new dev.missive.crypto.otr.Otr4jEngine())
                .key(OsmsHarness.ALICE_KEY)
                .pinStore(new InMemoryPinStore())
                .server(OsmsHarness.SERVER)
                .serverFingerprint(h.server.publicKey().fingerprintHex().toUpperCase(java.util.Locale.ROOT))
                .build();
        right.login(ALICE);
        assertThat(right.isLoggedIn()).isTrue();
    }

    @Test
    void theServerKeyIsTrustedOnFirstUseWithAWarning() throws Exception {
        assertThat(h.events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                OsmsEvent.ServerKeyTrustedOnFirstUse.class,
                                t -> assertThat(t.fingerprintHex())
                                        .isEqualTo(h.server.publicKey().fingerprintHex())));
    }

    @Test
    void smpVerifiesAPeerWithASharedSecret() throws Exception {
        alice.authorize(BOB);
        bob.authorize(ALICE);
        alice.send(BOB, "let us verify");
        pump(new ArrayList<>(), new ArrayList<>());

        alice.verify(BOB, "our secret word?", "correct horse");
        PollResult request = bob.poll();
        assertThat(request.smpRequests()).containsEntry("alice", "our secret word?");
        bob.answerVerification(ALICE, "correct horse");
        List<PollResult> a = new ArrayList<>();
        List<PollResult> b = new ArrayList<>();
        pump(a, b);
        assertThat(a).anySatisfy(r -> assertThat(r.verifications()).containsEntry("bob", true));
        assertThat(b).anySatisfy(r -> assertThat(r.verifications()).containsEntry("alice", true));
    }

    @Test
    void smpWithDifferentSecretsFails() throws Exception {
        alice.authorize(BOB);
        bob.authorize(ALICE);
        alice.send(BOB, "let us verify");
        pump(new ArrayList<>(), new ArrayList<>());

        alice.verify(BOB, "", "one secret");
        bob.poll();
        bob.answerVerification(ALICE, "another secret");
        List<PollResult> a = new ArrayList<>();
        List<PollResult> b = new ArrayList<>();
        pump(a, b);
        assertThat(a).anySatisfy(r -> assertThat(r.verifications()).containsEntry("bob", false));
    }

    @Test
    void aConversationOpenedWithoutATextCarriesAVerificationAndDeliversNoText() throws Exception {
        assertThatThrownBy(() -> alice.startConversation(BOB))
                .isInstanceOfSatisfying(
                        OsmsException.class, e -> assertThat(e.error()).isEqualTo(OsmsError.CONSENT_REQUIRED));
        alice.authorize(BOB);
        bob.authorize(ALICE);
        assertThat(alice.startConversation(BOB)).isFalse();
        assertThat(alice.isEncrypted(BOB)).isFalse();
        assertThat(pump(new ArrayList<>(), new ArrayList<>())).isEmpty();
        assertThat(alice.isEncrypted(BOB)).isTrue();
        assertThat(bob.isEncrypted(ALICE)).isTrue();
        assertThat(alice.startConversation(BOB)).isTrue();

        alice.verify(BOB, "", "shared words");
        PollResult request = bob.poll();
        assertThat(request.smpRequests()).containsEntry("alice", "");
        bob.answerVerification(ALICE, "shared words");
        List<PollResult> a = new ArrayList<>();
        List<PollResult> b = new ArrayList<>();
        pump(a, b);
        assertThat(a).anySatisfy(r -> assertThat(r.verifications()).containsEntry("bob", true));
        assertThat(b).anySatisfy(r -> assertThat(r.verifications()).containsEntry("alice", true));
    }

    @Test
    void logoutEndsTheSessionAndOperationsNeedANewLogin() throws Exception {
        alice.logout();
        alice.logout();
        assertThat(alice.isLoggedIn()).isFalse();
        assertThatThrownBy(() -> alice.poll())
                .isInstanceOfSatisfying(
                        OsmsException.class, e -> assertThat(e.error()).isEqualTo(OsmsError.UNKNOWN_SESSION));
        alice.login(ALICE);
        assertThat(alice.poll().processed()).isZero();
    }
}
