package dev.missive.osms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.otr.OtrStatus;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.OsmsHttpResponse;
import dev.missive.osms.spi.SessionState;
import dev.missive.osms.wire.OtrMessages;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The login AKE in three POSTs at engine level, and every way it must refuse. */
class LoginTest {

    private final OsmsHarness h = new OsmsHarness();

    @Test
    void loginInThreePostsEstablishesASessionWithTheStoredKey() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/Alice");

        OsmsHttpResponse commit = login.step1();
        assertThat(commit.status()).isEqualTo(200);
        assertThat(commit.header("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(login.header).isNotBlank();
        assertThat(OtrMessages.encodedType(OsmsHarness.text(commit))).isEqualTo(OtrMessages.DH_COMMIT);

        OsmsHttpResponse reveal = h.post(login.path, login.header, login.answer(commit));
        assertThat(reveal.status()).isEqualTo(200);
        assertThat(OtrMessages.encodedType(OsmsHarness.text(reveal))).isEqualTo(OtrMessages.REVEAL_SIGNATURE);

        String signature = login.answer(reveal);
        assertThat(login.otr.status()).isEqualTo(OtrStatus.ENCRYPTED);
        assertThat(OtrPublicKey.of(login.otr.remoteKey().orElseThrow()))
                .isEqualTo(OtrPublicKey.of(OsmsHarness.SERVER_KEY.publicKey()));
        assertThat(login.otr.version()).isEqualTo(3);

        OsmsHttpResponse done = h.post(login.path, login.header, signature);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).isEmpty();
        assertThat(h.sessions.find(sessionIdOf(login.header)).orElseThrow().state())
                .isEqualTo(SessionState.ESTABLISHED);
        assertThat(h.events)
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(OsmsEvent.LoggedIn.class, l -> {
                    assertThat(l.username()).isEqualTo("alice");
                    assertThat(l.otrVersion()).isEqualTo(3);
                    assertThat(l.registered()).isFalse();
                }));
    }

    @Test
    void aV2OnlyClientLogsInWithOtrVersion2() throws Exception {
        // What a Go client on golang.org/x/crypto/otr (v2 only) sends.
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        OsmsHttpResponse commit = h.post(login.path, null, "?OTRv2?");
        login.header = commit.header(OsmsServer.SESSION_HEADER).orElseThrow();
        assertThat(OsmsHarness.text(commit)).startsWith("?OTR:AAIC"); // version 2, D-H Commit
        var reveal = h.post(login.path, login.header, login.answer(commit));
        assertThat(h.post(login.path, login.header, login.answer(reveal)).status())
                .isEqualTo(200);
        assertThat(login.otr.version()).isEqualTo(2);
        assertThat(h.events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                OsmsEvent.LoggedIn.class,
                                l -> assertThat(l.otrVersion()).isEqualTo(2)));
        assertThat(whoami(login)).contains("\"username\":\"alice\"");
    }

    @Test
    void plainCreateSessionFindsTheUserByTheProvenKey() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session");
        completes(login);
        assertThat(h.events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                OsmsEvent.LoggedIn.class,
                                l -> assertThat(l.username()).isEqualTo("alice")));
        assertThat(whoami(login)).contains("\"username\":\"alice\"");
    }

    @Test
    void aKeyOtherThanTheStoredOneIsRefusedAndNothingIsCreated() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.MALLORY_KEY, "/create_session/alice");
        var commit = login.step1();
        var reveal = h.post(login.path, login.header, login.answer(commit));
        var done = h.post(login.path, login.header, login.answer(reveal));

        assertThat(done.status()).isEqualTo(403);
        assertThat(done.header("OSMS-Error")).contains("key-mismatch");
        assertThat(h.sessions.find(sessionIdOf(login.header)).orElseThrow().state())
                .isEqualTo(SessionState.TERMINATED);
        assertThat(h.users.findByFingerprint(
                        OtrPublicKey.of(OsmsHarness.MALLORY_KEY.publicKey()).fingerprintHex()))
                .isEmpty();
        assertThat(h.server.liveSessionCount()).isZero();
    }

    @Test
    void anUnknownKeyOnPlainCreateSessionIsRefused() throws Exception {
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.MALLORY_KEY, "/create_session");
        var commit = login.step1();
        var reveal = h.post(login.path, login.header, login.answer(commit));
        var done = h.post(login.path, login.header, login.answer(reveal));
        assertThat(done.status()).isEqualTo(404);
        assertThat(done.header("OSMS-Error")).contains("unknown-user");
    }

    @Test
    void closedRegistrationRefusesAnUnknownUsernameBeforeTheAke() throws Exception {
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        var commit = login.step1();
        assertThat(commit.status()).isEqualTo(403);
        assertThat(commit.header("OSMS-Error")).contains("registration-closed");
        assertThat(h.server.liveSessionCount()).isZero();
    }

    @Test
    void openRegistrationCreatesTheAccountBoundToTheProvenKey() throws Exception {
        OsmsHarness open = new OsmsHarness(c -> c.withRegistrationOpen(true));
        var client = open.client(OsmsHarness.BOB_KEY);
        client.login(Username.of("Bob"));
        var bob = open.users.findByUsername(Username.of("bob")).orElseThrow();
        assertThat(bob.publicKey()).isEqualTo(OtrPublicKey.of(OsmsHarness.BOB_KEY.publicKey()));
        assertThat(open.events).anySatisfy(e -> assertThat(e).isInstanceOf(OsmsEvent.UserRegistered.class));
    }

    @Test
    void aReplayedSignatureAfterLoginIsRefused() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        var commit = login.step1();
        var reveal = h.post(login.path, login.header, login.answer(commit));
        String signature = login.answer(reveal);
        assertThat(h.post(login.path, login.header, signature).status()).isEqualTo(200);

        var replay = h.post(login.path, login.header, signature);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.header("OSMS-Error")).contains("wrong-session-state");
        assertThat(h.sessions.find(sessionIdOf(login.header)).orElseThrow().state())
                .isEqualTo(SessionState.ESTABLISHED);
    }

    @Test
    void anAkeMessageReplayedIntoAnotherLoginIsRefused() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin first = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        var commit1 = first.step1();
        var reveal1 = h.post(first.path, first.header, first.answer(commit1));
        String signature1 = first.answer(reveal1);
        assertThat(h.post(first.path, first.header, signature1).status()).isEqualTo(200);

        // An eavesdropper replays the first login's Signature into a login of its own.
        OsmsHarness.RawLogin second = h.rawLogin(OsmsHarness.MALLORY_KEY, "/create_session/alice");
        var commit2 = second.step1();
        assertThat(h.post(second.path, second.header, second.answer(commit2)).status())
                .isEqualTo(200);
        var replay = h.post(second.path, second.header, signature1);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.header("OSMS-Error")).contains("ake-failed");
        assertThat(h.sessions.find(sessionIdOf(second.header)).orElseThrow().state())
                .isEqualTo(SessionState.TERMINATED);
    }

    @Test
    void aStepOutOfOrderEndsTheLogin() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        login.step1();
        // a query where the D-H Key belongs
        var wrong = h.post(login.path, login.header, "?OTRv23?");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(h.post(login.path, login.header, "?OTRv23?").status()).isEqualTo(409);
    }

    @Test
    void aSessionHeaderFromAnotherLoginIsRefused() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        h.register("bob", OsmsHarness.BOB_KEY);
        OsmsHarness.RawLogin alice = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        OsmsHarness.RawLogin bob = h.rawLogin(OsmsHarness.BOB_KEY, "/create_session/bob");
        completes(alice);
        completes(bob);

        // Bob's operation, encrypted in his own session, sent under Alice's header.
        var refused = h.post(
                "/session", alice.header, bob.otr.send("{\"op\":\"whoami\"}").get(0));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("OSMS-Error")).contains("malformed");
        // AKE messages under Alice's header are refused: her login is over.
        assertThat(h.post("/create_session/bob", alice.header, "?OTRv23?").status())
                .isEqualTo(409);
        // A header nobody was given is unknown.
        assertThat(h.post(
                                "/session",
                                "bm90LWEtc2Vzc2lvbg",
                                bob.otr.send("{\"op\":\"whoami\"}").get(0))
                        .status())
                .isEqualTo(401);

        // Both sessions still work, each for its own user.
        assertThat(whoami(alice)).contains("\"username\":\"alice\"");
        assertThat(whoami(bob)).contains("\"username\":\"bob\"");
    }

    @Test
    void aReplayedOperationIsRefusedAndNotExecutedAgain() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        h.register("bob", OsmsHarness.BOB_KEY);
        OsmsHarness.RawLogin alice = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        completes(alice);
        String body = alice.otr
                .send("{\"op\":\"send\",\"to\":\"bob\",\"message\":\"?OTRv23?\"}")
                .get(0);
        assertThat(h.post("/session", alice.header, body).status()).isEqualTo(200);
        var replay = h.post("/session", alice.header, body);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.header("OSMS-Error")).contains("malformed");
        var bobId = h.users.findByUsername(Username.of("bob")).orElseThrow().id();
        assertThat(h.queue.count(bobId)).isEqualTo(1);
        assertThat(whoami(alice)).contains("\"ok\":true");
    }

    @Test
    void logoutTwiceIsFine() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        completes(login);
        String end = String.join("\n", login.otr.end());
        var first = h.post("/terminate_session", login.header, end);
        assertThat(first.status()).isEqualTo(200);
        var second = h.post("/terminate_session", login.header, end);
        assertThat(second.status()).isEqualTo(200);
        assertThat(h.sessions.find(sessionIdOf(login.header)).orElseThrow().state())
                .isEqualTo(SessionState.TERMINATED);
        // and the session no longer takes operations
        assertThat(h.post("/session", login.header, end).status()).isEqualTo(401);
    }

    @Test
    void sessionsExpireAndCleanUpRemovesThem() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        var alice = h.client(OsmsHarness.ALICE_KEY);
        alice.login(Username.of("alice"));
        h.clock.advance(h.server.config().sessionTtl().plus(Duration.ofSeconds(1)));
        assertThat(h.server.cleanUp()).isEqualTo(1);
        assertThat(h.server.liveSessionCount()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> alice.authorize(Username.of("alice")))
                .isInstanceOf(dev.missive.osms.model.OsmsException.class)
                .hasMessageContaining("unknown-session");
    }

    @Test
    void aSessionInUseStaysAliveAndWritesItsExpiryAtMostOncePerSlack() throws Exception {
        h.register("alice", OsmsHarness.ALICE_KEY);
        OsmsHarness.RawLogin login = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
        login.complete();
        var id = sessionIdOf(login.header);
        Instant loggedIn = h.sessions.find(id).orElseThrow().expiresAt();
        Duration ttl = h.server.config().sessionTtl();

        // Within the slack (a minute for 30-minute sessions) an operation leaves the stored expiry.
        h.clock.advance(Duration.ofSeconds(30));
        assertThat(login.op("{\"op\":\"whoami\"}")).contains("\"ok\":true");
        assertThat(h.sessions.find(id).orElseThrow().expiresAt()).isEqualTo(loggedIn);

        // Past it, the expiry moves to a whole sessionTtl after this use.
        h.clock.advance(Duration.ofSeconds(31));
        assertThat(login.op("{\"op\":\"whoami\"}")).contains("\"ok\":true");
        assertThat(h.sessions.find(id).orElseThrow().expiresAt())
                .isEqualTo(h.clock.now().plus(ttl));

        // So a session used now and then outlives its first sessionTtl.
        h.clock.advance(ttl.minus(Duration.ofSeconds(1)));
        assertThat(login.op("{\"op\":\"whoami\"}")).contains("\"ok\":true");
    }

    private void completes(OsmsHarness.RawLogin login) throws Exception {
        var commit = login.step1();
        assertThat(commit.status()).isEqualTo(200);
        var reveal = h.post(login.path, login.header, login.answer(commit));
        assertThat(reveal.status()).isEqualTo(200);
        assertThat(h.post(login.path, login.header, login.answer(reveal)).status())
                .isEqualTo(200);
    }

    private static dev.missive.osms.model.SessionId sessionIdOf(String header) {
        return new dev.missive.osms.model.SessionId(java.util.HexFormat.of()
                .formatHex(
                        dev.missive.crypto.Digests.sha256(header.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    private String whoami(OsmsHarness.RawLogin login) throws Exception {
        var response = h.post(
                "/session", login.header, login.otr.send("{\"op\":\"whoami\"}").get(0));
        assertThat(response.status()).isEqualTo(200);
        return login.otr.receive(OsmsHarness.text(response)).plaintext().orElseThrow();
    }
}
