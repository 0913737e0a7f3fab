package dev.missive.http.osms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.otr.OtrStatus;
import dev.missive.jdbc.osms.JdbcQueueStore;
import dev.missive.jdbc.osms.JdbcServerKeyStore;
import dev.missive.jdbc.osms.JdbcSessionStore;
import dev.missive.jdbc.osms.JdbcUserStore;
import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsEvent;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Login, refusals and logout over real HTTP on loopback, one POST at a time (docs/osms.md). */
class OsmsHttpLoginTest {

    @RegisterExtension
    static final SqliteBackend DATABASE = new SqliteBackend();

    private OsmsLoopback loopback;

    @BeforeEach
    void start() throws Exception {
        var db = DATABASE.database();
        OsmsLoopback.Stores stores = new OsmsLoopback.Stores(
                new JdbcUserStore(db), new JdbcSessionStore(db), new JdbcQueueStore(db), new JdbcServerKeyStore(db));
        DATABASE.clear("osms_queue", "osms_consents", "osms_sessions", "osms_users");
        loopback = new OsmsLoopback(stores, OsmsConfig.DEFAULTS);
        loopback.server.registerUser(Username.of("alice"), OtrPublicKey.of(OsmsLoopback.ALICE_KEY.publicKey()));
        loopback.server.registerUser(Username.of("bob"), OtrPublicKey.of(OsmsLoopback.BOB_KEY.publicKey()));
    }

    @AfterEach
    void stop() {
        loopback.close();
    }

    private long loggedIn() {
        return loopback.events.stream()
                .filter(e -> e instanceof OsmsEvent.LoggedIn)
                .count();
    }

    @Test
    void logsInWithThreePostsAndProvesBothKeys() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        RawLogin login = new RawLogin(loopback, "Alice", OsmsLoopback.ALICE_KEY);

        try (Response commit = login.step1()) {
            posts.incrementAndGet();
            assertThat(commit.code()).isEqualTo(200);
            assertThat(commit.header("Content-Type")).startsWith("text/plain");
            assertThat(login.session).isNotBlank();
            try (Response reveal = login.step2(commit)) {
                posts.incrementAndGet();
                assertThat(reveal.code()).isEqualTo(200);
                try (Response done = login.step3(reveal)) {
                    posts.incrementAndGet();
                    assertThat(done.code()).as(RawLogin.errorOf(done)).isEqualTo(200);
                    assertThat(done.body().bytes()).isEmpty();
                }
            }
        }

        assertThat(posts).hasValue(3);
        assertThat(login.conversation.status()).isEqualTo(OtrStatus.ENCRYPTED);
        // The client's side of the pin: the AKE proved the key that GET /pk serves.
        assertThat(OtrPublicKey.of(login.conversation.remoteKey().orElseThrow()))
                .isEqualTo(loopback.server.publicKey());
        assertThat(loggedIn()).isEqualTo(1);
    }

    @Test
    void plainCreateSessionFindsTheUserByTheProvenKey() throws Exception {
        new RawLogin(loopback, null, OsmsLoopback.BOB_KEY).complete();

        assertThat(loopback.events)
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                OsmsEvent.LoggedIn.class,
                                in -> assertThat(in.toString()).contains("bob")));
    }

    @Test
    void refusesALoginWithAnotherKeyThanTheStoredOne() throws Exception {
        RawLogin login = new RawLogin(loopback, "alice", OsmsLoopback.MALLORY_KEY);
        try (Response commit = login.step1();
                Response reveal = login.step2(commit);
                Response done = login.step3(reveal)) {
            assertThat(done.code()).isEqualTo(403);
            assertThat(done.header(OsmsServer.ERROR_HEADER)).isEqualTo("key-mismatch");
        }
        assertThat(loggedIn()).isZero();
        // The session is over: an operation under its header is refused.
        String poll = login.conversation.send("{\"op\":\"poll\"}").get(0);
        try (Response after = loopback.post("/session", login.session, poll)) {
            assertThat(after.code()).isEqualTo(401);
            assertThat(after.header(OsmsServer.ERROR_HEADER)).isEqualTo("unknown-session");
        }
    }

    @Test
    void refusesAReplayedAkeMessage() throws Exception {
        RawLogin first = new RawLogin(loopback, "alice", OsmsLoopback.ALICE_KEY).complete();

        // The same D-H Key and Signature again, under the finished login's header.
        try (Response replayedKey = loopback.post("/create_session/alice", first.session, first.dhKey)) {
            assertThat(replayedKey.code()).isEqualTo(409);
            assertThat(replayedKey.header(OsmsServer.ERROR_HEADER)).isEqualTo("wrong-session-state");
        }
        // The recorded Signature into a new login at the same step: it signs the old D-H values.
        RawLogin second = new RawLogin(loopback, "alice", OsmsLoopback.ALICE_KEY);
        try (Response commit = second.step1();
                Response reveal = second.step2(commit)) {
            assertThat(reveal.code()).isEqualTo(200);
            try (Response replayed = loopback.post("/create_session/alice", second.session, first.signature)) {
                assertThat(replayed.code()).isEqualTo(400);
                assertThat(replayed.header(OsmsServer.ERROR_HEADER)).isEqualTo("ake-failed");
            }
        }
        assertThat(loggedIn()).isEqualTo(1);
    }

    @Test
    void refusesASessionHeaderFromAnotherLogin() throws Exception {
        RawLogin alice = new RawLogin(loopback, "alice", OsmsLoopback.ALICE_KEY);
        RawLogin bob = new RawLogin(loopback, "bob", OsmsLoopback.BOB_KEY);
        try (Response aliceCommit = alice.step1();
                Response bobCommit = bob.step1()) {
            // Bob's D-H Key under Alice's header: it answers another commit, so the AKE cannot go on.
            String bobKey = bob.answer(bobCommit);
            try (Response crossed = loopback.post("/create_session/alice", alice.session, bobKey)) {
                assertThat(crossed.code()).isGreaterThanOrEqualTo(400);
            }
            // Bob's login under his own header still completes.
            try (Response reveal = loopback.post("/create_session/bob", bob.session, bobKey);
                    Response done = bob.step3(reveal)) {
                assertThat(done.code()).as(RawLogin.errorOf(done)).isEqualTo(200);
            }
        }
        // And a logged-in session's header does not let Alice's key log out Bob.
        RawLogin aliceAgain = new RawLogin(loopback, "alice", OsmsLoopback.ALICE_KEY).complete();
        try (Response foreign = loopback.post("/terminate_session", bob.session, aliceAgain.logoutMessage())) {
            assertThat(foreign.code()).isEqualTo(400);
        }
        assertThat(loggedIn()).isEqualTo(2);
    }

    @Test
    void logoutTwiceIsFine() throws Exception {
        RawLogin login = new RawLogin(loopback, "bob", OsmsLoopback.BOB_KEY).complete();
        String logout = login.logoutMessage();

        try (Response first = loopback.post("/terminate_session", login.session, logout)) {
            assertThat(first.code()).isEqualTo(200);
        }
        try (Response second = loopback.post("/terminate_session", login.session, logout)) {
            assertThat(second.code()).isEqualTo(200);
        }
        assertThat(loopback.events).anySatisfy(e -> assertThat(e).isInstanceOf(OsmsEvent.LoggedOut.class));
    }
}
