package dev.missive.osms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.OsmsHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every POST endpoint answers 400 to bodies that are not what it takes, and stores nothing. */
class MalformedBodiesTest {

    static Stream<Arguments> bodies() throws Exception {
        String commit = realCommit();
        List<Arguments> cases = List.of(
                Arguments.of("not OTR", "text/plain", "hello server".getBytes(StandardCharsets.UTF_8)),
                Arguments.of(
                        "truncated OTR",
                        "text/plain",
                        commit.substring(0, commit.length() / 2).getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("wrong content type", "application/json", "?OTRv23?".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("no content type", null, "?OTRv23?".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("garbage", "text/plain", new byte[] {0, (byte) 0xff, 7, '?', 'O', 'T', 'R', ':'}),
                Arguments.of("bad base64", "text/plain", "?OTR:AAMD!!!!.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("empty", "text/plain", new byte[0]),
                Arguments.of("v1 query", "text/plain", "?OTR?".getBytes(StandardCharsets.US_ASCII)));
        return Stream.of("/create_session", "/create_session/alice", "/session", "/terminate_session")
                .flatMap(path -> cases.stream().map(c -> Arguments.of(path, c.get()[0], c.get()[1], c.get()[2])));
    }

    private static String realCommit() throws Exception {
        OsmsHarness h = new OsmsHarness();
        h.register("alice", OsmsHarness.ALICE_KEY);
        var otr = new Otr4jEngine().open("c", "s", OsmsHarness.ALICE_KEY);
        return OsmsHarness.text(h.post("/create_session/alice", null, otr.start()));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("bodies")
    void malformedBodiesAnswer400AndStoreNothing(String path, String name, String contentType, byte[] body)
            throws Exception {
        OsmsHarness h = new OsmsHarness();
        h.register("alice", OsmsHarness.ALICE_KEY);
        var alice = h.client(OsmsHarness.ALICE_KEY);
        alice.login(Username.of("alice"));
        var aliceId = h.users.findByUsername(Username.of("alice")).orElseThrow().id();
        String session = path.startsWith("/create_session") ? null : sessionOf(h);
        int liveBefore = h.server.liveSessionCount();
        OsmsHttpResponse response = h.post(path, session, contentType, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("OSMS-Error")).contains("malformed");
        assertThat(h.server.liveSessionCount()).isEqualTo(liveBefore);
        assertThat(h.queue.count(aliceId)).isZero();
        assertThat(h.users
                        .findByUsername(Username.of("alice"))
                        .orElseThrow()
                        .username()
                        .value())
                .isEqualTo("alice");
        // the logged-in session still works
        assertThat(alice.authorize(Username.of("alice"))).isTrue();
    }

    /** The established session's header, found by logging in a second time by hand. */
    private static String sessionOf(OsmsHarness h) throws Exception {
        var otr = new Otr4jEngine().open("c", "s", OsmsHarness.ALICE_KEY);
        var commit = h.post("/create_session/alice", null, otr.start());
        String header = commit.header(OsmsServer.SESSION_HEADER).orElseThrow();
        var reveal = h.post(
                "/create_session/alice",
                header,
                otr.receive(OsmsHarness.text(commit)).replies().get(0));
        h.post(
                "/create_session/alice",
                header,
                otr.receive(OsmsHarness.text(reveal)).replies().get(0));
        return header;
    }
}
