package dev.missive.http.osms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.http.HttpResult;
import dev.missive.http.RequestHeaders;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.memory.InMemoryQueueStore;
import dev.missive.osms.memory.InMemorySessionStore;
import dev.missive.osms.memory.InMemoryUserStore;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.UserRecord;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any method, path, headers and body: the handler answers one of the profile's statuses (never 500),
 * never throws, and creates no account or queued item (registration is closed and no request can
 * log in); the only thing an unauthenticated request may store is a login handshake. Input byte 0 picks method and path, byte 1 the
 * {@code Content-Type}, {@code Accept} and {@code OSMS-Session} headers; the rest is the body. Seeds:
 * {@code OsmsHttpHandlerFuzzTestInputs/handle/}.
 */
class OsmsHttpHandlerFuzzTest {

    private static final String[] PATHS = {
        "/create_session",
        "/create_session/alice",
        "/create_session/no-such!",
        "/session",
        "/terminate_session",
        "/user/alice",
        "/user/nobody",
        "/user/",
        "/pk",
        "/",
        "/send/alice",
    };
    private static final String[] CONTENT_TYPES = {
        null, "text/plain", "text/plain; charset=utf-8", "application/json", "application/x-gob", "text/html",
    };
    private static final String[] ACCEPTS = {null, "application/json", "application/x-gob", "*/*", "image/png"};
    private static final Set<Integer> STATUSES = Set.of(200, 400, 401, 403, 404, 405, 406, 409, 413, 429, 503);

    private static final InMemoryUserStore USERS = new InMemoryUserStore();
    private static final InMemoryQueueStore QUEUE = new InMemoryQueueStore();
    private static final OsmsHttpHandler HANDLER;
    private static final UserRecord ALICE;
    /** A well-formed session header no login issued: requests with it reach the session lookup. */
    private static final String SESSION = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    static {
        OsmsServer server = OsmsServer.builder()
                .clock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z")))
                .random(RandomSource.secure())
                .userStore(USERS)
                .sessionStore(new InMemorySessionStore())
                .queueStore(QUEUE)
                .otr(OsmsLoopback.otr())
                .serverKey(OtrKeyPair.generate(new SecureRandom()))
                .config(OsmsConfig.DEFAULTS.withMaxLiveSessions(64))
                .build();
        try {
            ALICE = server.registerUser(Username.of("alice"), OtrPublicKey.of(OsmsLoopback.ALICE_KEY.publicKey()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        HANDLER = new OsmsHttpHandler(server);
    }

    @FuzzTest
    void handle(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int selector = input[0] & 0xff;
        String method = (selector & 0x80) == 0 ? "POST" : "GET";
        String path = PATHS[(selector & 0x7f) % PATHS.length];
        int headerBits = input[1] & 0xff;
        Map<String, List<String>> headers = new HashMap<>();
        put(headers, "Content-Type", CONTENT_TYPES[headerBits % CONTENT_TYPES.length]);
        put(headers, "Accept", ACCEPTS[(headerBits / CONTENT_TYPES.length) % ACCEPTS.length]);
        put(headers, OsmsServer.SESSION_HEADER, (headerBits & 0x80) != 0 ? SESSION : null);
        byte[] body = Arrays.copyOfRange(input, 2, input.length);

        HttpResult result = HANDLER.handle(method, path, RequestHeaders.of(headers), new ByteArrayInputStream(body));

        assertThat(STATUSES).contains(result.status());
        assertThat(USERS.findByUsername(Username.of("nobody"))).isEmpty();
        assertThat(USERS.findById(ALICE.id())).contains(ALICE);
        assertThat(QUEUE.count(ALICE.id())).isZero();
    }

    private static void put(Map<String, List<String>> headers, String name, String value) {
        if (value != null) {
            headers.put(name, List.of(value));
        }
    }
}
