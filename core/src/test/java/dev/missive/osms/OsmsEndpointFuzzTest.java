package dev.missive.osms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.OsmsHttpRequest;
import java.util.HashMap;
import java.util.Set;

/**
 * Every endpoint takes arbitrary requests (method, path, session header, content type, body) and
 * answers with one of the profile's statuses, never an exception, and a logged-in user's session
 * keeps working. A second target feeds arbitrary operation documents through a real OTR session.
 * Regression mode replays the committed inputs under {@code OsmsEndpointFuzzTestInputs}.
 */
class OsmsEndpointFuzzTest {

    private static final String[] PATHS = {
        "/create_session",
        "/create_session/alice",
        "/create_session/x y",
        "/session",
        "/terminate_session",
        "/user/alice",
        "/user/",
        "/pk",
        "/other"
    };
    private static final String[] CONTENT_TYPES = {"text/plain", "text/plain; charset=utf-8", "application/json", null};
    private static final Set<Integer> STATUSES = Set.of(200, 400, 401, 403, 404, 405, 406, 409, 413, 429, 503);

    /** One server and its logins for all inputs: an AKE per input would make regression runs slow. */
    private static OsmsHarness h;

    private static OsmsClient alice;
    private static OsmsHarness.RawLogin raw;

    private static synchronized void setUp() throws Exception {
        if (h == null) {
            h = new OsmsHarness();
            h.register("alice", OsmsHarness.ALICE_KEY);
            h.register("bob", OsmsHarness.BOB_KEY);
            alice = h.client(OsmsHarness.ALICE_KEY);
            alice.login(Username.of("alice"));
            raw = h.rawLogin(OsmsHarness.ALICE_KEY, "/create_session/alice");
            raw.complete();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void endpointsAnswerWithAStatusNeverAnException(FuzzedDataProvider data) throws Exception {
        setUp();

        while (data.remainingBytes() > 0) {
            String method = data.consumeBoolean() ? "POST" : "GET";
            String path = data.pickValue(PATHS);
            var headers = new HashMap<String, String>();
            int header = data.consumeInt(0, 2);
            if (header == 1) {
                headers.put(OsmsServer.SESSION_HEADER, raw.header);
            } else if (header == 2) {
                headers.put(OsmsServer.SESSION_HEADER, data.consumeString(80));
            }
            String contentType = data.pickValue(CONTENT_TYPES);
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            byte[] body = data.consumeBoolean()
                    ? data.consumeBytes(data.consumeInt(0, 2048))
                    : data.consumeString(2048).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            var response = h.server.handle(new OsmsHttpRequest(method, path, headers, body));
            assertThat(STATUSES).contains(response.status());
            if (response.status() != 200) {
                assertThat(response.headers()).containsKey("Content-Type");
            }
        }
        // the client's own session is untouched (unless the input logged it out or renamed it)
        if (alice.isLoggedIn()) {
            try {
                alice.authorize(Username.of("bob"));
            } catch (dev.missive.osms.model.OsmsException e) {
                assertThat(e.error())
                        .isIn(
                                dev.missive.osms.model.OsmsError.UNKNOWN_SESSION,
                                dev.missive.osms.model.OsmsError.UNKNOWN_USER);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void operationDocumentsAnswerInsideOtr(byte[] input) throws Exception {
        setUp();
        String document = new String(input, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        if (document.isEmpty()) {
            return;
        }
        String result = raw.op(document);
        assertThat(result).matches("^\\{\"ok\":(true|false).*\\}$");
        // the session still answers
        assertThat(raw.op("{\"op\":\"whoami\"}")).contains("\"ok\":true");
    }
}
