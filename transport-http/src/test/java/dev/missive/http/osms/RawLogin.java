package dev.missive.http.osms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.otr.OtrConversation;
import dev.missive.crypto.otr.OtrEngineException;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.crypto.otr.OtrReceived;
import dev.missive.osms.OsmsServer;
import java.io.IOException;
import java.util.List;
import okhttp3.Response;

/**
 * A login driven by hand, one POST at a time, with the OTR messages kept so a test can replay or
 * misdirect them: step 1 sends the query, step 2 the D-H Key, step 3 the Signature (docs/osms.md).
 */
final class RawLogin {

    private final OsmsLoopback loopback;
    private final String path;
    final OtrConversation conversation;
    String session;
    String query;
    String dhKey;
    String signature;

    RawLogin(OsmsLoopback loopback, String username, OtrKeyPair key) {
        this.loopback = loopback;
        this.path = username == null ? "/create_session" : "/create_session/" + username;
        this.conversation = OsmsLoopback.otr().open(username == null ? "client" : username, "server", key);
    }

    /** POST 1: the query; answers the server's D-H Commit and the session header. */
    Response step1() throws IOException, OtrEngineException {
        query = conversation.start();
        Response response = loopback.post(path, null, query);
        session = response.header(OsmsServer.SESSION_HEADER);
        return response;
    }

    /** Feeds the server's answer to our conversation and returns the one reply it produced. */
    String answer(Response response) throws IOException, OtrEngineException {
        String body = response.body().string();
        OtrReceived received = conversation.receive(body);
        assertThat(received.errors()).isEmpty();
        assertThat(received.replies()).hasSize(1);
        return received.replies().get(0);
    }

    /** POST 2: the D-H Key in answer to the commit; answers the Reveal Signature. */
    Response step2(Response commit) throws IOException, OtrEngineException {
        dhKey = answer(commit);
        return loopback.post(path, session, dhKey);
    }

    /** POST 3: the Signature in answer to the reveal; answers 200 with an empty body on success. */
    Response step3(Response reveal) throws IOException, OtrEngineException {
        signature = answer(reveal);
        return loopback.post(path, session, signature);
    }

    /** All three POSTs, each expected to succeed. */
    RawLogin complete() throws IOException, OtrEngineException {
        try (Response commit = step1()) {
            assertThat(commit.code()).isEqualTo(200);
            try (Response reveal = step2(commit)) {
                assertThat(reveal.code()).isEqualTo(200);
                try (Response done = step3(reveal)) {
                    assertThat(done.code()).as(errorOf(done)).isEqualTo(200);
                }
            }
        }
        return this;
    }

    /** The OTR logout message (a data message carrying TLV 1). */
    String logoutMessage() throws OtrEngineException {
        List<String> end = conversation.end();
        assertThat(end).hasSize(1);
        return end.get(0);
    }

    static String errorOf(Response response) {
        return String.valueOf(response.header(OsmsServer.ERROR_HEADER));
    }
}
