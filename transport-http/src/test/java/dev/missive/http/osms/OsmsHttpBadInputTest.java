package dev.missive.http.osms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.osms.JdbcQueueStore;
import dev.missive.jdbc.osms.JdbcServerKeyStore;
import dev.missive.jdbc.osms.JdbcSessionStore;
import dev.missive.jdbc.osms.JdbcUserStore;
import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every POST endpoint answers 400 to a body that is not one OTR message (not OTR, truncated OTR, a
 * wrong content type, garbage) and stores nothing: no session, account, consent or queued item
 * appears in the SQLite store, with or without a valid session header.
 */
class OsmsHttpBadInputTest {

    @RegisterExtension
    static final SqliteBackend DATABASE = new SqliteBackend();

    private static final List<String> TABLES =
            List.of("osms_users", "osms_consents", "osms_sessions", "osms_queue", "osms_server_key");

    private static OsmsLoopback loopback;
    private static String loggedInSession;

    @BeforeAll
    static void start() throws Exception {
        var db = DATABASE.database();
        loopback = new OsmsLoopback(
                new OsmsLoopback.Stores(
                        new JdbcUserStore(db),
                        new JdbcSessionStore(db),
                        new JdbcQueueStore(db),
                        new JdbcServerKeyStore(db)),
                OsmsConfig.DEFAULTS.withRegistrationOpen(true));
        loopback.server.registerUser(Username.of("alice"), OtrPublicKey.of(OsmsLoopback.ALICE_KEY.publicKey()));
        loggedInSession = new RawLogin(loopback, "alice", OsmsLoopback.ALICE_KEY).complete().session;
    }

    @AfterAll
    static void stop() {
        loopback.close();
    }

    /** A real D-H Commit cut in the middle of its base64. */
    private static final String TRUNCATED_OTR = "?OTR:AAMCAAABAQAAAAAAAADEA1yHb";

    static Stream<Arguments> badBodies() {
        MediaType text = OsmsLoopback.TEXT;
        List<Arguments> cases = new ArrayList<>();
        for (String endpoint : List.of("/create_session", "/create_session/alice", "/session", "/terminate_session")) {
            cases.add(Arguments.of(endpoint, "not OTR", text, "hello server".getBytes(StandardCharsets.UTF_8)));
            cases.add(Arguments.of(endpoint, "truncated OTR", text, TRUNCATED_OTR.getBytes(StandardCharsets.US_ASCII)));
            cases.add(Arguments.of(
                    endpoint,
                    "wrong content type",
                    MediaType.get("application/json"),
                    "?OTRv23?".getBytes(StandardCharsets.US_ASCII)));
            cases.add(Arguments.of(
                    endpoint, "garbage", text, new byte[] {(byte) 0xff, 0, (byte) 0xc3, 0x28, '?', 'O', 'T', 'R', 0x7f
                    }));
            cases.add(Arguments.of(endpoint, "empty", text, new byte[0]));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badBodies")
    void answers400AndStoresNothing(String endpoint, String what, MediaType type, byte[] body) throws Exception {
        for (String session : new String[] {null, loggedInSession}) {
            List<String> before = snapshot();
            try (Response response = loopback.post(endpoint, session, type, body)) {
                assertThat(response.code())
                        .as("%s %s, session %s", endpoint, what, session)
                        .isEqualTo(400);
                assertThat(response.header("OSMS-Error")).isNotBlank();
            }
            assertThat(snapshot())
                    .as("rows of %s after %s %s", TABLES, endpoint, what)
                    .isEqualTo(before);
        }
    }

    /** Every row of every OSMS table, as text: any insert, update or delete changes it. */
    private static List<String> snapshot() {
        return DATABASE.database().inTransaction(c -> {
            List<String> rows = new ArrayList<>();
            for (String table : TABLES) {
                try (var statement = c.createStatement();
                        var result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= columns; i++) {
                            row.append('|').append(result.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
            return rows;
        });
    }
}
