package dev.missive.testkit.conformance.osms;

import static dev.missive.testkit.conformance.Verdict.expectEquals;
import static dev.missive.testkit.conformance.Verdict.fail;
import static dev.missive.testkit.conformance.Verdict.require;
import static dev.missive.testkit.conformance.Verdict.skip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.wire.MediaTypes;
import dev.missive.osms.wire.UserDocuments;
import dev.missive.testkit.conformance.Check;
import dev.missive.testkit.conformance.ConformanceSuite;
import dev.missive.testkit.conformance.osms.Probe.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OSMS suite: checks what {@code docs/osms.md} (Missive's OSMS profile, the wire protocol in
 * practice) promises, acting as a client. It reads {@code GET /pk} and {@code GET /user/{u}} in Gob
 * and JSON, logs in one POST at a time over OTR ({@link Login}), runs the operations of
 * {@code POST /session} inside OTR, relays between two of its own users, and sends malformed,
 * replayed, misdirected and oversize requests through a raw HTTP client ({@link Probe}).
 *
 * <p>The target must run with open registration: the suite creates its users (fresh random names,
 * fresh DSA-1024 keys) by logging in. The hardening checks for expiry and the session limit run only
 * when the target's limits are given ({@link OsmsTarget}).
 */
public final class OsmsConformanceSuite implements ConformanceSuite {

    private static final String DOCUMENTS = "docs/osms.md \"Documents (Gob and JSON)\"";
    private static final String LOGIN = "docs/osms.md \"Login: the OTR AKE over three POSTs\"";
    private static final String OPERATIONS = "docs/osms.md \"Operations: POST /session\"";
    private static final String LOGOUT = "docs/osms.md \"Logout: POST /terminate_session\"";
    private static final String ERRORS = "docs/osms.md \"Errors\"";
    private static final String PROFILE = "docs/osms.md \"Profile table\"";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** What Go's encoding/gob sends first for {@code User} (docs/osms.md, the digest's golden vector §7.4). */
    private static final byte[] USER_GOB_PREFIX = HexFormat.of()
            .parseHex("2dff8103010104" + hex("User") + "01ff820001020108" + hex("Username") + "010c000109"
                    + hex("PublicKey") + "010a000000");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The profile's body cap (docs/osms.md "Errors": 413 over 64 KiB). */
    private static final int MAX_BODY = OsmsConfig.DEFAULTS.maxBodySize();

    private final OsmsTarget target;
    private final Probe probe;
    private final OtrEngine otr = new Otr4jEngine();
    private final SecureRandom random = new SecureRandom();
    /** Logins still held, logged out by {@link #close()}. */
    private final List<Login> held = new ArrayList<>();

    private OtrPublicKey serverKey;
    /** The first user's first login (by name) and a second login of the same user (by key). */
    private Login alice;

    private Login aliceAgain;
    private String aliceName;
    private Login bob;
    private String bobName;
    private boolean consentRefused;

    /**
     * A suite against {@code target}; nothing is sent before the checks run.
     *
     * @param target the server under test
     */
    public OsmsConformanceSuite(OsmsTarget target) {
        this.target = target;
        this.probe = new Probe(target.baseUrl());
    }

    @Override
    public String protocol() {
        return "osms";
    }

    @Override
    public String target() {
        return target.describe();
    }

    @Override
    public List<Check> checks() {
        return List.of(
                Check.required(
                        "osms.pk.gob",
                        "GET /pk without Accept, with */* and with application/x-gob answers the ServerKey Gob",
                        DOCUMENTS,
                        this::pkGob),
                Check.required(
                        "osms.pk.json",
                        "GET /pk with Accept application/json answers {\"publicKey\"} with the same key; the first"
                                + " named format wins",
                        DOCUMENTS,
                        this::pkJson),
                Check.required(
                        "osms.documents.not-acceptable",
                        "an Accept naming neither Gob nor JSON answers 406 not-acceptable on /pk and /user",
                        DOCUMENTS + "; " + ERRORS,
                        this::notAcceptable),
                Check.required(
                        "osms.login.three-posts",
                        "login in three POSTs: query -> D-H Commit and a 43-character OSMS-Session, D-H Key ->"
                                + " Reveal Signature proving the /pk key, Signature -> 200 empty (account created)",
                        LOGIN + "; " + PROFILE + " (Registration)",
                        this::loginThreePosts),
                Check.required(
                        "osms.session.whoami",
                        "whoami inside OTR answers the user's lower-case name and the key the login proved",
                        OPERATIONS,
                        this::whoami),
                Check.required(
                        "osms.user.known",
                        "GET /user/{NAME} (any case) answers the user's document in Gob (Go's exact prefix) and JSON",
                        DOCUMENTS,
                        this::userKnown),
                Check.required(
                        "osms.user.unknown",
                        "GET /user/{name} for no such user answers 404 unknown-user",
                        DOCUMENTS + "; " + ERRORS,
                        this::userUnknown),
                Check.required(
                        "osms.user.username-rules",
                        "usernames outside ^[A-Za-z0-9]{1,32}$ answer 400 invalid-username on /user and"
                                + " /create_session",
                        PROFILE + " (Usernames); " + ERRORS,
                        this::usernameRules),
                Check.required(
                        "osms.login.by-key",
                        "a login at plain /create_session finds the user by the proven key",
                        LOGIN,
                        this::loginByKey),
                Check.required(
                        "osms.login.unknown-key",
                        "a login at plain /create_session with a key no user has ends with 404 unknown-user",
                        LOGIN + "; " + ERRORS,
                        this::loginUnknownKey),
                Check.required(
                        "osms.login.wrong-key",
                        "a login proving a key other than the user's stored key ends with 403 key-mismatch and no"
                                + " session",
                        LOGIN + "; " + PROFILE + " (Login); " + ERRORS,
                        this::loginWrongKey),
                Check.required(
                        "osms.login.replayed-ake",
                        "a replayed AKE message is refused: the D-H Key again at step 3 -> 400 ake-failed and the"
                                + " login is over; a finished login's Signature again -> 409 wrong-session-state",
                        LOGIN + "; " + ERRORS,
                        this::replayedAke),
                Check.required(
                        "osms.session.foreign-header",
                        "a data message of one login under another login's OSMS-Session is refused and not"
                                + " executed; none or an unknown one answers 401 unknown-session",
                        OPERATIONS + "; " + ERRORS,
                        this::foreignHeader),
                Check.hardening(
                        "osms.session.replayed-data",
                        "the same POST /session data message again answers 400 malformed and is not executed",
                        ERRORS + "; docs/osms.md \"Security notes and caveats\"",
                        this::replayedData),
                Check.required(
                        "osms.session.rename-keeps-key",
                        "rename answers the lower-case name; /user/{new} has the same key, the old name is free",
                        OPERATIONS + "; " + PROFILE + " (Usernames)",
                        this::renameKeepsKey),
                Check.required(
                        "osms.relay.query-between-strangers",
                        "an OTR query to a user who never authorized the sender is relayed and polled",
                        OPERATIONS + " (send, poll)",
                        this::queryBetweenStrangers),
                Check.required(
                        "osms.relay.consent-required",
                        "a data message to a user is refused with consent-required before both authorized each"
                                + " other, also when only the sender has",
                        OPERATIONS + " (send, authorize); " + PROFILE + " (Sending)",
                        this::consentRequired),
                Check.required(
                        "osms.relay.after-consent",
                        "after mutual authorize, a data message is relayed as sent, polled with the sender's name"
                                + " and deleted once acknowledged",
                        OPERATIONS + " (send, poll)",
                        this::relayAfterConsent),
                Check.required(
                        "osms.relay.plaintext-refused",
                        "send with a message that is not OTR answers malformed: plaintext is never relayed",
                        OPERATIONS + " (send)",
                        this::plaintextRefused),
                Check.required(
                        "osms.malformed.create-session",
                        "POST /create_session with a body that is not OTR, truncated OTR, a fragment, an OTR"
                                + " error, garbage, empty, or a wrong or missing Content-Type answers 400"
                                + " malformed and changes nothing (no session; a login in progress still completes)",
                        ERRORS + "; " + LOGIN,
                        this::malformedCreateSession),
                Check.required(
                        "osms.malformed.session",
                        "the same malformed bodies on POST /session answer 400 malformed; nothing is executed and"
                                + " the session still works",
                        ERRORS + "; " + OPERATIONS,
                        this::malformedSession),
                Check.required(
                        "osms.malformed.terminate-session",
                        "the same malformed bodies on POST /terminate_session answer 400 malformed and do not log"
                                + " out",
                        ERRORS + "; " + LOGOUT,
                        this::malformedTerminate),
                Check.required(
                        "osms.limits.body-size",
                        "a body over 64 KiB answers 413 on every POST endpoint; the session still works",
                        ERRORS + "; " + PROFILE + " (Errors, limits)",
                        this::oversize),
                Check.required(
                        "osms.http.unknown-path", "paths outside the profile answer 404", ERRORS, this::unknownPaths),
                Check.required(
                        "osms.http.wrong-method",
                        "a wrong method on an endpoint answers 405 with Allow naming the right one",
                        ERRORS,
                        this::wrongMethods),
                Check.required(
                        "osms.logout.twice",
                        "logout (TLV 1) answers 200, again 200; the session then answers 401 unknown-session",
                        LOGOUT + "; " + ERRORS,
                        this::logoutTwice),
                Check.hardening(
                        "osms.hardening.handshake-expiry",
                        "a login not finished within the handshake TTL is over: step 2 then answers 401"
                                + " unknown-session (needs --handshake-ttl)",
                        LOGIN + " (handshakeTtl); " + ERRORS,
                        this::handshakeExpiry),
                Check.hardening(
                        "osms.hardening.session-expiry",
                        "a session idle longer than the session TTL answers 401 unknown-session (needs"
                                + " --session-ttl)",
                        OPERATIONS + " (sessionTtl); " + ERRORS,
                        this::sessionExpiry),
                Check.hardening(
                        "osms.hardening.session-limit",
                        "beyond the configured number of sessions a new login answers 503 busy, and works again"
                                + " once sessions end (needs --max-sessions)",
                        ERRORS + " (busy)",
                        this::sessionLimit));
    }

    // ---- documents ----------------------------------------------------------------------------

    private void pkGob() throws IOException {
        for (String accept : Arrays.asList(null, "*/*", MediaTypes.GOB)) {
            String what = "GET /pk with " + (accept == null ? "no Accept" : "Accept " + accept);
            Reply reply = probe.get("/pk", accept);
            expectEquals(what + " status", 200, reply.status());
            require(
                    Probe.hasType(reply, MediaTypes.Format.GOB),
                    what + " answered Content-Type "
                            + reply.header("Content-Type").orElse("(none)") + ", not " + MediaTypes.GOB);
            OtrPublicKey key = decodeServerKey(reply, MediaTypes.Format.GOB, what);
            if (serverKey != null && !serverKey.equals(key)) {
                throw fail(what + " answered another key than before");
            }
            serverKey = key;
        }
    }

    private void pkJson() throws IOException {
        needServerKey();
        Reply reply = probe.get("/pk", MediaTypes.JSON);
        expectEquals("GET /pk with Accept application/json status", 200, reply.status());
        require(
                Probe.hasType(reply, MediaTypes.Format.JSON),
                "GET /pk with Accept application/json answered Content-Type "
                        + reply.header("Content-Type").orElse("(none)"));
        require(
                serverKey.equals(decodeServerKey(reply, MediaTypes.Format.JSON, "GET /pk as JSON")),
                "GET /pk as JSON answered another key than the Gob document");
        Reply first = probe.get("/pk", "application/json, application/x-gob");
        require(
                first.status() == 200 && Probe.hasType(first, MediaTypes.Format.JSON),
                "Accept 'application/json, application/x-gob' answered " + first.describe() + " "
                        + first.header("Content-Type").orElse("(no Content-Type)") + ": the first named format"
                        + " must win");
    }

    private void notAcceptable() throws IOException {
        for (String path : List.of("/pk", "/user/" + freshName("n"))) {
            Reply reply = probe.get(path, "text/html");
            expectError("GET " + path + " with Accept text/html", reply, 406, "not-acceptable");
        }
    }

    private OtrPublicKey decodeServerKey(Reply reply, MediaTypes.Format format, String what) {
        try {
            return UserDocuments.decodeServerKey(reply.body(), format);
        } catch (OsmsException e) {
            throw fail(what + " is not a ServerKey document: " + e.getMessage());
        }
    }

    // ---- login --------------------------------------------------------------------------------

    private void loginThreePosts() throws Exception {
        needServerKey();
        aliceName = freshName("a");
        Login login = new Login(probe, otr, aliceName, newKey());
        Reply commit = login.step1();
        if (commit.status() == 403 && commit.error().equals("registration-closed")) {
            throw fail("step 1 for the new user " + aliceName + " answered 403 registration-closed: the suite"
                    + " creates its users by logging in; run the target with open registration");
        }
        expectEquals("step 1 (query) status", 200, commit.status());
        require(
                login.session != null && TOKEN.matcher(login.session).matches(),
                "step 1 answered OSMS-Session " + login.session + ", not 43 base64url characters");
        Reply reveal = login.step2(commit);
        expectEquals("step 2 (D-H Key) status", 200, reveal.status());
        Reply done = login.step3(reveal);
        require(
                serverKey.equals(login.serverKey),
                "the key the server proved in the AKE is not the key GET /pk serves");
        expectEquals("step 3 (Signature) status, " + done.describe(), 200, done.status());
        require(done.body().length == 0, "step 3 answered a non-empty body");
        alice = hold(login);
    }

    private void whoami() throws Exception {
        needAlice();
        JsonNode result = alice.operate(op("whoami"));
        expectOk("whoami", result);
        expectEquals("whoami username", aliceName, result.path("username").asText());
        require(
                Arrays.equals(keyBytes(alice), base64(result.path("publicKey").asText())),
                "whoami answered another public key than the one the login proved");
    }

    private void userKnown() throws IOException {
        needAlice();
        String path = "/user/" + aliceName.toUpperCase(Locale.ROOT);
        Reply gob = probe.get(path, null);
        expectEquals("GET " + path + " status", 200, gob.status());
        require(Probe.hasType(gob, MediaTypes.Format.GOB), "GET " + path + " without Accept is not a Gob document");
        require(
                gob.body().length >= USER_GOB_PREFIX.length
                        && Arrays.equals(Arrays.copyOf(gob.body(), USER_GOB_PREFIX.length), USER_GOB_PREFIX),
                "the Gob body does not start with the 46 bytes Go's encoding/gob sends for User");
        expectUser(gob, MediaTypes.Format.GOB, alice, aliceName);
        Reply json = probe.get(path, MediaTypes.JSON);
        expectEquals("GET " + path + " as JSON status", 200, json.status());
        require(Probe.hasType(json, MediaTypes.Format.JSON), "GET " + path + " as JSON has another Content-Type");
        expectUser(json, MediaTypes.Format.JSON, alice, aliceName);
    }

    private void userUnknown() throws IOException {
        String name = freshName("u");
        expectError("GET /user/" + name + " (no such user)", probe.get("/user/" + name, null), 404, "unknown-user");
    }

    private void usernameRules() throws IOException {
        for (String bad : List.of("a_b", "a.b", "a-b", "a".repeat(33), "")) {
            expectError("GET /user/" + bad, probe.get("/user/" + bad, null), 400, "invalid-username");
        }
        Reply reply = probe.post("/create_session/a_b", null, "?OTRv23?");
        expectError("POST /create_session/a_b", reply, 400, "invalid-username");
        require(reply.header(OsmsServer.SESSION_HEADER).isEmpty(), "a refused login answered an OSMS-Session header");
        String longest = freshName("x");
        longest = longest + "9".repeat(32 - longest.length());
        Reply ok = probe.get("/user/" + longest, null);
        expectError("GET /user/ with a valid 32-character name of no user", ok, 404, "unknown-user");
    }

    private void loginByKey() throws Exception {
        needAlice();
        Login login = new Login(probe, otr, null, alice.key).complete();
        JsonNode result = login.operate(op("whoami"));
        expectOk("whoami after a login by key", result);
        expectEquals(
                "the user a login by key found",
                aliceName,
                result.path("username").asText());
        aliceAgain = hold(login);
    }

    private void loginUnknownKey() throws Exception {
        Login login = new Login(probe, otr, null, newKey());
        Reply done = login.step3(login.step2(login.step1()));
        expectError("step 3 of a login by a key no user has", done, 404, "unknown-user");
    }

    private void loginWrongKey() throws Exception {
        needAlice();
        Login login = new Login(probe, otr, aliceName, newKey());
        Reply done = login.step3(login.step2(login.step1()));
        if (done.status() == 200) {
            throw fail("a login as " + aliceName + " proving another key than the user's was accepted (HTTP 200):"
                    + " the proven key must equal the stored key");
        }
        expectError("step 3 of a login proving another key", done, 403, "key-mismatch");
        Reply after = login.postSession(login.dataMessage(op("whoami")));
        expectError("POST /session under the refused login's header", after, 401, "unknown-session");
    }

    private void replayedAke() throws Exception {
        needAlice();
        Login refused = new Login(probe, otr, aliceName, alice.key);
        Reply reveal = refused.step2(refused.step1());
        expectEquals("step 2 status", 200, reveal.status());
        Reply replay = probe.post(refused.path, refused.session, refused.dhKey);
        expectError("the D-H Key replayed in place of the Signature", replay, 400, "ake-failed");
        Reply late = refused.step3(reveal);
        require(
                late.status() >= 400 && late.status() < 500,
                "the real Signature after a refused AKE step answered " + late.describe()
                        + ": a failed step must end the login");
        Login done = new Login(probe, otr, aliceName, alice.key).complete();
        hold(done);
        Reply again = probe.post(done.path, done.session, done.signature);
        expectError("a finished login's Signature replayed", again, 409, "wrong-session-state");
    }

    private void foreignHeader() throws Exception {
        needAliceAgain();
        String fresh = freshName("f");
        String rename = op("rename", "username", fresh);
        Reply foreign = aliceAgain.postSession(alice.dataMessage(rename));
        if (foreign.status() == 200) {
            throw fail("a data message of one login was accepted (HTTP 200) under another login's OSMS-Session");
        }
        expectError("a data message under another login's OSMS-Session", foreign, 400, "malformed");
        expectError(
                "rename under another login's header: GET /user/" + fresh,
                probe.get("/user/" + fresh, null),
                404,
                "unknown-user");
        expectError(
                "POST /session without OSMS-Session",
                probe.post("/session", null, alice.dataMessage(op("whoami"))),
                401,
                "unknown-session");
        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        expectError(
                "POST /session with an unknown OSMS-Session",
                probe.post("/session", unknown, alice.dataMessage(op("whoami"))),
                401,
                "unknown-session");
        expectOk("whoami on the other login afterwards", aliceAgain.operate(op("whoami")));
    }

    private void replayedData() throws Exception {
        needAlice();
        String fresh = freshName("r");
        String message = alice.dataMessage(op("rename", "username", fresh));
        JsonNode first = alice.result(alice.postSession(message), "rename");
        expectOk("rename", first);
        aliceName = fresh;
        String back = freshName("r");
        expectOk("rename", alice.operate(op("rename", "username", back)));
        aliceName = back;
        Reply replay = alice.postSession(message);
        if (replay.status() == 200) {
            throw fail("the same data message was accepted (HTTP 200) and executed again: no replay guard");
        }
        expectError("the same data message again", replay, 400, "malformed");
        expectError("after the replay, GET /user/" + fresh, probe.get("/user/" + fresh, null), 404, "unknown-user");
    }

    // ---- operations ---------------------------------------------------------------------------

    private void renameKeepsKey() throws Exception {
        needAlice();
        String old = aliceName;
        String wanted = freshName("m").toUpperCase(Locale.ROOT);
        JsonNode result = alice.operate(op("rename", "username", wanted));
        expectOk("rename to " + wanted, result);
        String lower = wanted.toLowerCase(Locale.ROOT);
        expectEquals("rename result username", lower, result.path("username").asText());
        aliceName = lower;
        Reply now = probe.get("/user/" + lower, MediaTypes.JSON);
        expectEquals("GET /user/" + lower + " after the rename, status", 200, now.status());
        expectUser(now, MediaTypes.Format.JSON, alice, lower);
        expectError("GET /user/" + old + " after the rename", probe.get("/user/" + old, null), 404, "unknown-user");
        expectEquals(
                "whoami after the rename",
                lower,
                alice.operate(op("whoami")).path("username").asText());
    }

    private void queryBetweenStrangers() throws Exception {
        needAlice();
        bobName = freshName("b");
        bob = hold(new Login(probe, otr, bobName, newKey()).complete());
        String query = "?OTRv23?";
        JsonNode sent = alice.operate(op("send", "to", bobName, "message", query));
        expectOk("send of an OTR query to a user who authorized no one", sent);
        JsonNode item = pollFor(bob, query);
        require(item != null, "bob's poll does not hold the query alice sent");
        expectEquals("the polled item's from", aliceName, item.path("from").asText());
        acknowledge(bob, item.path("id").asLong());
    }

    private void consentRequired() throws Exception {
        needBob();
        String data = alice.dataMessage("not for bob yet");
        JsonNode before = alice.operate(op("send", "to", bobName, "message", data));
        if (before.path("ok").asBoolean(false)) {
            throw fail("a data message was relayed before either user authorized the other (send answered ok)");
        }
        expectEquals(
                "send before any authorize: error",
                "consent-required",
                before.path("error").asText());
        JsonNode authorized = alice.operate(op("authorize", "peer", bobName));
        expectOk("alice authorizes bob", authorized);
        expectEquals(
                "mutual after alice alone authorized",
                false,
                authorized.path("mutual").asBoolean(true));
        JsonNode oneSided = alice.operate(op("send", "to", bobName, "message", data));
        if (oneSided.path("ok").asBoolean(false)) {
            throw fail("a data message was relayed when only the sender had authorized the recipient");
        }
        expectEquals(
                "send after one-sided authorize: error",
                "consent-required",
                oneSided.path("error").asText());
        require(pollFor(bob, data) == null, "bob's poll holds a data message sent before mutual consent");
        consentRefused = true;
    }

    private void relayAfterConsent() throws Exception {
        needBob();
        if (!consentRefused) {
            throw skip("needs osms.relay.consent-required");
        }
        JsonNode authorized = bob.operate(op("authorize", "peer", aliceName));
        expectOk("bob authorizes alice", authorized);
        expectEquals(
                "mutual after both authorized", true, authorized.path("mutual").asBoolean(false));
        String data = alice.dataMessage("hello bob");
        JsonNode sent = alice.operate(op("send", "to", bobName, "message", data));
        expectOk("send after mutual consent", sent);
        JsonNode item = pollFor(bob, data);
        require(item != null, "bob's poll does not hold the data message alice sent after mutual consent");
        expectEquals("the polled item's from", aliceName, item.path("from").asText());
        require(item.hasNonNull("receivedAt"), "the polled item has no receivedAt");
        require(item.path("id").asLong(-1) == sent.path("id").asLong(-2), "the polled item's id is not send's id");
        acknowledge(bob, item.path("id").asLong());
        require(pollFor(bob, data) == null, "the item is still polled after it was acknowledged");
    }

    private void plaintextRefused() throws Exception {
        needBob();
        JsonNode result = alice.operate(op("send", "to", bobName, "message", "hello in plaintext"));
        if (result.path("ok").asBoolean(false)) {
            throw fail("send relayed a message that is not OTR (plaintext)");
        }
        expectEquals(
                "send of plaintext: error", "malformed", result.path("error").asText());
    }

    // ---- malformed, oversize, HTTP --------------------------------------------------------------

    /** The malformed bodies of docs/osms.md "Errors", built around {@code otrMessage} (a well-formed one). */
    private List<Body> malformedBodies(String otrMessage) {
        byte[] decoded = Base64.getDecoder().decode(otrMessage.substring(5, otrMessage.length() - 1));
        String truncated =
                "?OTR:" + Base64.getEncoder().encodeToString(Arrays.copyOf(decoded, decoded.length / 2)) + ".";
        String half = otrMessage.substring(0, otrMessage.length() / 2);
        byte[] ascii = otrMessage.getBytes(StandardCharsets.US_ASCII);
        return List.of(
                new Body("text that is not OTR", MediaTypes.TEXT, ascii("hello, server")),
                new Body("a truncated OTR message", MediaTypes.TEXT, ascii(truncated)),
                new Body("an OTR message cut off without its final dot", MediaTypes.TEXT, ascii(half)),
                new Body("an OTR fragment", MediaTypes.TEXT, ascii("?OTR,00001,00002," + half + ",")),
                new Body("an OTR error message", MediaTypes.TEXT, ascii("?OTR Error: no")),
                new Body("garbage bytes", MediaTypes.TEXT, randomBytes(300)),
                new Body("an empty body", MediaTypes.TEXT, new byte[0]),
                new Body("a well-formed OTR message as application/json", MediaTypes.JSON, ascii),
                new Body("a well-formed OTR message without Content-Type", null, ascii));
    }

    private record Body(String what, String contentType, byte[] bytes) {}

    private void expectAllMalformed(String path, String session, List<Body> bodies) throws IOException {
        for (Body body : bodies) {
            Reply reply = probe.post(path, session, body.contentType(), body.bytes());
            expectError("POST " + path + " with " + body.what(), reply, 400, "malformed");
            require(
                    session != null || reply.header(OsmsServer.SESSION_HEADER).isEmpty(),
                    "POST " + path + " with " + body.what() + " answered an OSMS-Session header");
        }
    }

    private void malformedCreateSession() throws Exception {
        String fresh = freshName("g");
        Login login = new Login(probe, otr, fresh, newKey());
        Reply commit = login.step1();
        expectEquals("step 1 status", 200, commit.status());
        String commitText = commit.text().strip();
        // In the middle of a login: refused before they touch it, so the login still completes.
        expectAllMalformed(login.path, login.session, malformedBodies(commitText));
        Reply reveal = login.step2(commit);
        expectEquals("step 2 after the malformed bodies, status " + reveal.describe(), 200, reveal.status());
        Reply done = login.step3(reveal);
        expectEquals("step 3 after the malformed bodies, status " + done.describe(), 200, done.status());
        hold(login);
        String query = "?OTRv23?";
        List<Body> bodies = new ArrayList<>(malformedBodies(commitText));
        bodies.add(new Body("a query as application/json", MediaTypes.JSON, ascii(query)));
        bodies.add(new Body("a query without Content-Type", null, ascii(query)));
        String unused = freshName("g");
        expectAllMalformed("/create_session", null, bodies);
        expectAllMalformed("/create_session/" + unused, null, bodies);
        expectError(
                "GET /user/" + unused + " after malformed logins",
                probe.get("/user/" + unused, null),
                404,
                "unknown-user");
    }

    private void malformedSession() throws Exception {
        needAlice();
        String unchanged = aliceName;
        String fresh = freshName("h");
        expectAllMalformed(
                "/session", alice.session, malformedBodies(alice.dataMessage(op("rename", "username", fresh))));
        expectAllMalformed(
                "/session", alice.session, List.of(new Body("an OTR query", MediaTypes.TEXT, ascii("?OTRv23?"))));
        JsonNode result = alice.operate(op("whoami"));
        expectOk("whoami after the malformed bodies", result);
        expectEquals(
                "username after the malformed bodies",
                unchanged,
                result.path("username").asText());
    }

    private void malformedTerminate() throws Exception {
        needAliceAgain();
        expectAllMalformed(
                "/terminate_session", aliceAgain.session, malformedBodies(aliceAgain.dataMessage(op("whoami"))));
        expectOk("whoami after the malformed logouts", aliceAgain.operate(op("whoami")));
    }

    private void oversize() throws Exception {
        needAlice();
        byte[] big = ascii("?OTR:" + "A".repeat(MAX_BODY) + ".");
        for (String path : List.of("/create_session", "/session", "/terminate_session")) {
            Reply reply = probe.post(path, alice.session, MediaTypes.TEXT, big);
            expectEquals("POST " + path + " with a " + big.length + "-byte body, status", 413, reply.status());
        }
        expectOk("whoami after the oversize bodies", alice.operate(op("whoami")));
    }

    private void unknownPaths() throws IOException {
        for (String path : List.of("/", "/nothing", "/user", "/pk/more", "/sessions")) {
            Reply reply = probe.get(path, null);
            expectEquals("GET " + path + " status", 404, reply.status());
        }
        expectEquals(
                "POST /create_sessions status",
                404,
                probe.post("/create_sessions", null, "?OTRv23?").status());
    }

    private void wrongMethods() throws IOException {
        String user = "/user/" + freshName("w");
        Map<String, String> none = Map.of();
        List<String[]> cases = List.of(
                new String[] {"POST", "/pk", "GET"},
                new String[] {"PUT", user, "GET"},
                new String[] {"GET", "/create_session", "POST"},
                new String[] {"GET", "/create_session/" + freshName("w"), "POST"},
                new String[] {"GET", "/session", "POST"},
                new String[] {"DELETE", "/terminate_session", "POST"});
        for (String[] c : cases) {
            Reply reply = probe.exchange(c[0], c[1], none, new byte[0]);
            String what = c[0] + " " + c[1];
            expectEquals(what + " status", 405, reply.status());
            String allow = reply.header("Allow").orElse(null);
            require(allow != null, what + " answered 405 without an Allow header");
            require(
                    Arrays.stream(allow.split(",")).map(String::strip).anyMatch(c[2]::equalsIgnoreCase),
                    what + " answered Allow: " + allow + ", which does not name " + c[2]);
        }
    }

    private void logoutTwice() throws Exception {
        needAliceAgain();
        String pending = aliceAgain.dataMessage(op("whoami"));
        String logout = aliceAgain.logoutMessage();
        for (String time : List.of("first", "second")) {
            Reply reply = probe.post("/terminate_session", aliceAgain.session, logout);
            expectEquals("the " + time + " logout, " + reply.describe() + ", status", 200, reply.status());
            require(reply.body().length == 0, "the " + time + " logout answered a non-empty body");
        }
        held.remove(aliceAgain);
        expectError("POST /session after the logout", aliceAgain.postSession(pending), 401, "unknown-session");
    }

    // ---- hardening with the target's limits ----------------------------------------------------

    private void handshakeExpiry() throws Exception {
        Duration ttl = target.handshakeTtl().orElseThrow(() -> skip("needs --handshake-ttl"));
        Login login = new Login(probe, otr, freshName("e"), newKey());
        Reply commit = login.step1();
        expectEquals("step 1 status", 200, commit.status());
        waitPast(ttl);
        Reply late = login.step2(commit);
        if (late.status() == 200) {
            throw fail("step 2 was accepted " + ttl.plusSeconds(1) + " after step 1: the handshake TTL of " + ttl
                    + " is not enforced");
        }
        expectError("step 2 after the handshake TTL", late, 401, "unknown-session");
    }

    private void sessionExpiry() throws Exception {
        Duration ttl = target.sessionTtl().orElseThrow(() -> skip("needs --session-ttl"));
        Login login = new Login(probe, otr, freshName("s"), newKey()).complete();
        expectOk("whoami right after the login", login.operate(op("whoami")));
        waitPast(ttl);
        Reply late = login.postSession(login.dataMessage(op("whoami")));
        if (late.status() == 200) {
            throw fail("the session was still accepted " + ttl.plusSeconds(1) + " after its last use: the session"
                    + " TTL of " + ttl + " is not enforced");
        }
        expectError("whoami after the session TTL", late, 401, "unknown-session");
    }

    private void sessionLimit() throws Exception {
        int max = target.maxSessions().orElseThrow(() -> skip("needs --max-sessions"));
        List<String> opened = new ArrayList<>();
        boolean released = true;
        try {
            Reply refused = null;
            for (int i = 0; i <= max && refused == null; i++) {
                Reply reply = probe.post("/create_session", null, "?OTRv23?");
                if (reply.status() == 200) {
                    reply.header(OsmsServer.SESSION_HEADER).ifPresent(opened::add);
                } else {
                    refused = reply;
                }
            }
            if (refused == null) {
                throw fail("the target held " + opened.size() + " new logins besides the suite's own with"
                        + " --max-sessions " + max + ", and refused none with 503 busy");
            }
            expectError("a login beyond " + max + " sessions", refused, 503, "busy");
        } finally {
            // Missive ends a login abandoned after step 1 on any OTR message to /terminate_session;
            // the profile does not say so, so a refusal here only means the sessions must expire.
            for (String session : opened) {
                released &=
                        probe.post("/terminate_session", session, "?OTRv23?").status() == 200;
            }
        }
        if (released) {
            Reply again = probe.post("/create_session", null, "?OTRv23?");
            expectEquals("a login after the suite's extra sessions ended, status", 200, again.status());
            again.header(OsmsServer.SESSION_HEADER).ifPresent(session -> release(session));
        }
    }

    private void release(String session) {
        try {
            probe.post("/terminate_session", session, "?OTRv23?");
        } catch (IOException e) {
            // The session expires on its own.
        }
    }

    /** Waits until {@code ttl} and a second's margin have passed (the server's clock may lag ours). */
    private static void waitPast(Duration ttl) throws InterruptedException {
        Thread.sleep(ttl.plusSeconds(1));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void expectUser(Reply reply, MediaTypes.Format format, Login login, String username) {
        UserDocuments.UserDocument document;
        try {
            document = UserDocuments.decodeUser(reply.body(), format);
        } catch (OsmsException e) {
            throw fail("the " + format + " user document does not decode: " + e.getMessage());
        }
        expectEquals(
                "the " + format + " document's username",
                username,
                document.username().value());
        require(
                Arrays.equals(keyBytes(login), document.publicKey().encode()),
                "the " + format + " document's key is not the key " + username + " logged in with");
    }

    private static void expectError(String what, Reply reply, int status, String code) {
        if (reply.status() != status || !reply.error().equals(code)) {
            throw fail(what + ": expected HTTP " + status + " (OSMS-Error " + code + "), got " + reply.describe()
                    + (reply.status() / 100 == 2 ? " (accepted)" : ""));
        }
    }

    private static void expectOk(String what, JsonNode result) {
        if (!result.path("ok").asBoolean(false)) {
            throw fail(what + " answered " + result);
        }
    }

    /** Polls {@code login}'s queue (without acknowledging) for an item whose message is {@code message}. */
    private static JsonNode pollFor(Login login, String message) throws Exception {
        JsonNode result = login.operate(op("poll"));
        expectOk("poll", result);
        for (JsonNode item : result.path("items")) {
            if (message.equals(item.path("message").asText())) {
                return item;
            }
        }
        return null;
    }

    private static void acknowledge(Login login, long id) throws Exception {
        ObjectNode poll = JSON.createObjectNode().put("op", "poll").put("max", 0);
        poll.putArray("ack").add(id);
        JsonNode result = login.operate(poll.toString());
        expectOk("poll acknowledging " + id, result);
        expectEquals("acknowledged", 1, result.path("acknowledged").asInt(-1));
    }

    /** One operation document: {@code {"op": name, key: value, ...}}. */
    private static String op(String name, String... keyValues) {
        ObjectNode node = JSON.createObjectNode().put("op", name);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            node.put(keyValues[i], keyValues[i + 1]);
        }
        return node.toString();
    }

    private Login hold(Login login) {
        held.add(login);
        return login;
    }

    private OtrKeyPair newKey() {
        return OtrKeyPair.generate(random);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A username no earlier run used: {@code c}, a role letter, then 12 random hex digits. */
    private String freshName(String role) {
        return "c" + role + HexFormat.of().formatHex(randomBytes(6));
    }

    private static byte[] keyBytes(Login login) {
        return OtrPublicKey.of(login.key.publicKey()).encode();
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw fail("'" + Login.abbreviate(text) + "' is not base64");
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(ascii(text));
    }

    private void needServerKey() {
        if (serverKey == null) {
            throw skip("needs osms.pk.gob");
        }
    }

    private void needAlice() {
        if (alice == null) {
            throw skip("needs osms.login.three-posts");
        }
    }

    private void needAliceAgain() {
        needAlice();
        if (aliceAgain == null) {
            throw skip("needs osms.login.by-key");
        }
    }

    private void needBob() {
        needAlice();
        if (bob == null) {
            throw skip("needs osms.relay.query-between-strangers");
        }
    }

    /** Logs out the logins the checks left open (best effort: they expire anyway). */
    @Override
    public void close() {
        for (Login login : held) {
            try {
                probe.post("/terminate_session", login.session, login.logoutMessage());
            } catch (Exception e) {
                // Best effort: the target ends idle sessions itself.
            }
        }
        held.clear();
    }
}
