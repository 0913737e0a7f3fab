package dev.missive.http.osms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.jdbc.osms.JdbcQueueStore;
import dev.missive.jdbc.osms.JdbcServerKeyStore;
import dev.missive.jdbc.osms.JdbcSessionStore;
import dev.missive.jdbc.osms.JdbcUserStore;
import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.client.PollResult;
import dev.missive.osms.client.ReceivedText;
import dev.missive.osms.client.SendResult;
import dev.missive.osms.memory.InMemoryPinStore;
import dev.missive.osms.model.OsmsError;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.Username;
import dev.missive.spi.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two users log in over HTTP, authorize each other and exchange texts in an OTR conversation the
 * server relays; the server is stopped and started again on the same SQLite database in the middle,
 * with texts still queued. Nothing queued is lost: after logging in again the recipient gets every
 * text once, in order, and the server key (so every pin) is the same.
 */
class OsmsEndToEndRestartTest {

    @RegisterExtension
    static final SqliteBackend DATABASE = new SqliteBackend();

    private static final Username ALICE = Username.of("alice");
    private static final Username BOB = Username.of("bob");

    private OsmsLoopback start(int port) throws Exception {
        var db = DATABASE.database();
        return new OsmsLoopback(
                new OsmsLoopback.Stores(
                        new JdbcUserStore(db),
                        new JdbcSessionStore(db),
                        new JdbcQueueStore(db),
                        new JdbcServerKeyStore(db)),
                OsmsConfig.DEFAULTS.withRegistrationOpen(true),
                port);
    }

    private static OsmsClient client(OsmsLoopback server, OtrKeyPair key, String fingerprint) {
        return OsmsClient.builder()
                .transport(OkHttpOsmsTransport.builder(server.baseUrl()).build())
                .clock(Clock.system())
                .otr(new Otr4jEngine())
                .key(key)
                .pinStore(new InMemoryPinStore())
                .server(server.baseUrl().toString())
                .serverFingerprint(fingerprint)
                .build();
    }

    @Test
    void queuedTextsSurviveAServerRestart() throws Exception {
        List<ReceivedText> bobGot = new ArrayList<>();
        OsmsClient alice;
        OsmsClient bob;
        int port;
        String fingerprint;
        try (OsmsLoopback first = start(0)) {
            port = first.http.port();
            fingerprint = first.server.publicKey().fingerprintHex();
            alice = client(first, OsmsLoopback.ALICE_KEY, fingerprint);
            bob = client(first, OsmsLoopback.BOB_KEY, fingerprint);
            alice.login(ALICE);
            bob.login(BOB);

            // Before both sides consented, nothing is sent.
            assertThatThrownBy(() -> alice.send(BOB, "too early"))
                    .isInstanceOfSatisfying(
                            OsmsException.class, e -> assertThat(e.error()).isEqualTo(OsmsError.CONSENT_REQUIRED));
            List<PollResult.Failure> failures = new ArrayList<>();

            assertThat(alice.authorize(BOB)).isFalse();
            assertThat(bob.authorize(ALICE)).isTrue();
            assertThat(alice.send(BOB, "one")).isEqualTo(SendResult.PENDING);
            exchange(alice, bob, bobGot, failures);
            assertThat(failures).isEmpty();
            assertThat(bobGot).extracting(ReceivedText::text).containsExactly("one");
            bob.acknowledge();

            // Queued on the server, not yet polled, when the server goes down.
            assertThat(alice.send(BOB, "two")).isEqualTo(SendResult.SENT);
            assertThat(alice.send(BOB, "three")).isEqualTo(SendResult.SENT);
        }

        try (OsmsLoopback second = start(port)) {
            assertThat(second.server.publicKey().fingerprintHex()).isEqualTo(fingerprint);
            // The login sessions lived in the old process's memory: log in again.
            assertThatThrownBy(bob::poll)
                    .isInstanceOfSatisfying(
                            OsmsException.class, e -> assertThat(e.error()).isEqualTo(OsmsError.UNKNOWN_SESSION));
            bob.login(BOB);
            alice.login(ALICE);

            exchange(alice, bob, bobGot, new ArrayList<>());
            assertThat(alice.send(BOB, "four")).isEqualTo(SendResult.SENT);
            exchange(alice, bob, bobGot, new ArrayList<>());

            assertThat(bobGot).extracting(ReceivedText::text).containsExactly("one", "two", "three", "four");
            assertThat(bobGot).allSatisfy(text -> assertThat(text.from()).isEqualTo("alice"));
            alice.logout();
            bob.logout();
        }
    }

    /** Both users poll in turns until neither has anything left to send or receive. */
    private static void exchange(
            OsmsClient alice, OsmsClient bob, List<ReceivedText> bobGot, List<PollResult.Failure> failures)
            throws Exception {
        for (int round = 0; round < 20; round++) {
            PollResult a = alice.poll();
            PollResult b = bob.poll();
            bobGot.addAll(b.texts());
            failures.addAll(a.failures());
            failures.addAll(b.failures());
            assertThat(a.texts()).isEmpty();
            if (a.processed() == 0 && b.processed() == 0 && a.remaining() == 0 && b.remaining() == 0) {
                return;
            }
        }
        throw new AssertionError("the users were still exchanging after 20 rounds");
    }
}
