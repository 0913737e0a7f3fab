package dev.missive.testkit.conformance.osms;

import static dev.missive.testkit.conformance.Verdict.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.crypto.otr.OtrConversation;
import dev.missive.crypto.otr.OtrEngine;
import dev.missive.crypto.otr.OtrEngineException;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.crypto.otr.OtrReceived;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.wire.OtrMessages;
import dev.missive.testkit.conformance.osms.Probe.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One login driven by hand, one POST at a time (docs/osms.md "Login: the OTR AKE over three
 * POSTs"), keeping every OTR message so a check can replay or misdirect it; once logged in, the
 * operations of "Operations: POST /session" as JSON documents inside OTR data messages.
 */
final class Login {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Probe probe;
    final String path;
    final OtrKeyPair key;
    final OtrConversation conversation;
    String session;
    String dhKey;
    String signature;
    /** The key the server proved in the AKE (after step 2). */
    OtrPublicKey serverKey;

    /**
     * A login for {@code username} ({@code /create_session/{username}}), or by key alone when null.
     */
    Login(Probe probe, OtrEngine otr, String username, OtrKeyPair key) {
        this.probe = probe;
        this.path = username == null ? "/create_session" : "/create_session/" + username;
        this.key = key;
        this.conversation = otr.open(username == null ? "client" : username, "server", key);
    }

    /** POST 1: the query, no session header; keeps the {@code OSMS-Session} header answered. */
    Reply step1() throws IOException, OtrEngineException {
        Reply reply = probe.post(path, null, conversation.start());
        session = reply.header(OsmsServer.SESSION_HEADER).orElse(null);
        return reply;
    }

    /** POST 2: the D-H Key answering the commit {@code commit}. */
    Reply step2(Reply commit) throws IOException, OtrEngineException {
        dhKey = answer(commit, OtrMessages.DH_KEY, "the D-H Commit of step 1");
        return probe.post(path, session, dhKey);
    }

    /** POST 3: the Signature answering the Reveal Signature {@code reveal}. */
    Reply step3(Reply reveal) throws IOException, OtrEngineException {
        signature = answer(reveal, OtrMessages.SIGNATURE, "the Reveal Signature of step 2");
        conversation.remoteKey().ifPresent(k -> serverKey = OtrPublicKey.of(k));
        return probe.post(path, session, signature);
    }

    /** Feeds a step's answer to our conversation; fails the check unless it yields one reply of {@code type}. */
    private String answer(Reply reply, int type, String what) throws OtrEngineException {
        if (reply.status() != 200) {
            throw fail(what + " answered " + reply.describe() + ", not 200");
        }
        String body = reply.text().strip();
        if (OtrMessages.encodedType(body) != expectedFrom(type)) {
            throw fail(what + " is not the expected OTR message: " + abbreviate(body));
        }
        OtrReceived received = conversation.receive(body);
        if (!received.errors().isEmpty() || received.replies().size() != 1) {
            throw fail(what + " did not advance our OTR AKE: " + received.errors());
        }
        String next = received.replies().get(0);
        if (OtrMessages.encodedType(next) != type) {
            throw fail(what + " did not advance our OTR AKE to the expected step");
        }
        return next;
    }

    /** The server's message type our reply of {@code ourType} answers. */
    private static int expectedFrom(int ourType) {
        return ourType == OtrMessages.DH_KEY ? OtrMessages.DH_COMMIT : OtrMessages.REVEAL_SIGNATURE;
    }

    /** All three POSTs; fails the check, naming the step, unless each answers 200. */
    Login complete() throws IOException, OtrEngineException {
        Reply commit = step1();
        Reply reveal = step2(commit);
        Reply done = step3(reveal);
        if (done.status() != 200) {
            throw fail("step 3 (Signature) of the login at " + path + " answered " + done.describe() + ", not 200");
        }
        return this;
    }

    /** A data message carrying {@code plaintext}, not sent. */
    String dataMessage(String plaintext) throws OtrEngineException {
        List<String> messages = conversation.send(plaintext);
        if (messages.size() != 1) {
            throw new IllegalStateException("OTR produced " + messages.size() + " messages");
        }
        return messages.get(0);
    }

    /** POSTs {@code message} to {@code /session} under this login's header. */
    Reply postSession(String message) throws IOException {
        return probe.post("/session", session, message);
    }

    /**
     * One operation: its JSON result, decrypted. Fails the check unless the answer is 200 with one
     * data message whose plaintext is a JSON object.
     */
    JsonNode operate(String operation) throws IOException, OtrEngineException {
        return result(postSession(dataMessage(operation)), operation);
    }

    /** Decrypts the answer to {@code operation}. */
    JsonNode result(Reply reply, String operation) throws OtrEngineException {
        if (reply.status() != 200) {
            throw fail("POST /session " + operation + " answered " + reply.describe() + ", not 200");
        }
        OtrReceived received = conversation.receive(reply.text().strip());
        Optional<String> plaintext = received.plaintext();
        if (!received.errors().isEmpty() || plaintext.isEmpty()) {
            throw fail(
                    "the answer to " + operation + " is not an OTR data message we can decrypt: " + received.errors());
        }
        try {
            JsonNode node = JSON.readTree(plaintext.get());
            if (node == null || !node.isObject()) {
                throw fail("the result of " + operation + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw fail("the result of " + operation + " is not JSON");
        }
    }

    /** The logout message (a data message carrying TLV 1); the conversation is over afterwards. */
    String logoutMessage() throws OtrEngineException {
        List<String> end = conversation.end();
        if (end.size() != 1) {
            throw new IllegalStateException("OTR produced " + end.size() + " logout messages");
        }
        return end.get(0);
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? "'" + text + "'" : "'" + text.substring(0, 40) + "...'";
    }
}
