package dev.missive.testkit.conformance.openmsg;

import static dev.missive.testkit.conformance.Verdict.fail;
import static dev.missive.testkit.conformance.Verdict.require;
import static dev.missive.testkit.conformance.Verdict.skip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.Secret;
import dev.missive.crypto.SecretBox;
import dev.missive.crypto.SymmetricKey;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.testkit.OpenmsgTestPeer;
import dev.missive.testkit.OutboundCall;
import dev.missive.testkit.PeerBehavior;
import dev.missive.testkit.RecordedRequest;
import dev.missive.testkit.conformance.Check;
import dev.missive.testkit.conformance.CheckBody;
import dev.missive.testkit.conformance.ConformanceSuite;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Openmsg 1.0 suite. The runner is a real peer node for the suite's domain (an
 * {@link OpenmsgTestPeer} listening where the target was told to reach that domain) and a raw
 * client of the target's four endpoints. It runs both roles of the handshake and of a message
 * (driving the target's operator side through {@link OperatorHooks}), then replays,
 * tampered hashes, stale and future timestamps, wrong JSON types, unknown codes and inbox
 * duplicates. For the checks that post crafted messages, the suite's peer confirms the crafted
 * hashes on {@code message-confirm/}, so the target's own checks are the only thing that can refuse
 * them. References: {@code docs/openmsg.md} ("Check order", "Deviations") and
 * {@code docs/research/openmsg.md} (§ numbers).
 */
public final class OpenmsgConformanceSuite implements ConformanceSuite {

    /** The suite's own user on its peer node. */
    public static final String PEER_USER_ID = "7000001";

    private static final String AUTH = "docs/research/openmsg.md §4.1, §5; docs/openmsg.md \"auth/ (acceptor)\"";
    private static final String AUTH_CONFIRM =
            "docs/research/openmsg.md §4.2; docs/openmsg.md \"auth-confirm/ (initiator)\"";
    private static final String RECEIVE =
            "docs/research/openmsg.md §4.3, §6, §7; docs/openmsg.md \"message-receive/ (recipient)\"";
    private static final String CODES = "docs/research/openmsg.md §7, §8";
    private static final String CONFIRM =
            "docs/research/openmsg.md §4.4; docs/openmsg.md \"message-confirm/ (sender)\"";
    private static final Pattern PASS_CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenmsgTarget target;
    private final OpenmsgTestPeer peer;
    private final OpenmsgAddress self;
    private final PeerTransport client;
    private final SecureRandom random = new SecureRandom();
    /** Hashes the peer confirms on message-confirm/ whatever its node knows (crafted and replayed messages). */
    private final Set<String> confirmedByPeer = ConcurrentHashMap.newKeySet();
    /** Secrets this suite sent in requests that the target must not echo, with where they went. */
    private final Map<String, String> sentSecrets = new LinkedHashMap<>();

    private final List<Answer> errorAnswers = new ArrayList<>();

    private String authCode;
    private String identCode;
    private SymmetricKey key;
    private boolean passCodeTried;
    private String usedPassCode;
    private String deliveredText;
    private OutboundCall deliveredCall;
    private boolean replayed;
    private RecordedRequest receivedFromTarget;
    private OutboundCall confirmToTarget;
    private OutboundCall authConfirmToTarget;

    /** An answer of the target: status, raw text and the JSON it holds (null when it is not JSON). */
    private record Answer(String endpoint, int status, String text, JsonNode json) {
        boolean success() {
            return json != null && truthy(json.get("success")) && !truthy(json.get("error"));
        }

        boolean error() {
            return json != null && truthy(json.get("error")) && !truthy(json.get("success"));
        }

        String code() {
            return json == null || json.get("response_code") == null
                    ? "none"
                    : json.get("response_code").asText();
        }

        String describe() {
            return "HTTP " + status + " " + (json == null ? "(not JSON)" : json.toString());
        }
    }

    private OpenmsgConformanceSuite(OpenmsgTarget target, OpenmsgTestPeer peer) {
        this.target = target;
        this.peer = peer;
        this.self = peer.address(PEER_USER_ID);
        this.client = OkHttpPeerTransport.create();
        peer.setDispatcher((endpoint, body) -> {
            if (endpoint.equals(Optional.of(OpenmsgEndpoint.MESSAGE_CONFIRM))
                    && confirmedByPeer.contains(hashOf(body))) {
                return PeerBehavior.respond(200, "{\"success\":true}");
            }
            return PeerBehavior.serve();
        });
    }

    /**
     * Starts the suite's peer node on {@code target.listenHost():listenPort()} for {@code target.domain()}.
     *
     * @param target the node under test
     * @return the suite, ready to run
     * @throws IOException if the peer cannot listen there
     */
    public static OpenmsgConformanceSuite start(OpenmsgTarget target) throws IOException {
        OpenmsgTestPeer peer = OpenmsgTestPeer.builder()
                .domain(target.domain())
                .host(target.listenHost())
                .port(target.listenPort())
                .user(PEER_USER_ID, "Conformance")
                .peer(target.user().domain(), target.baseUri())
                .config(OpenmsgConfig.DEFAULTS.withSandbox(target.sandbox()))
                .start();
        return new OpenmsgConformanceSuite(target, peer);
    }

    /**
     * Where the suite's peer listens ({@code http://HOST:PORT/openmsg/}): the target must reach the
     * suite's domain there.
     *
     * @return the base URI
     */
    public URI peerBaseUri() {
        return peer.baseUri();
    }

    @Override
    public String protocol() {
        return "openmsg";
    }

    @Override
    public String target() {
        return target.describe();
    }

    @Override
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(required(
                "openmsg.auth.malformed",
                "auth/ with an empty JSON object answers an error",
                AUTH,
                this::authMalformed));
        checks.add(required(
                "openmsg.auth.wrong-pass-code",
                "auth/ with a pass code that was never issued answers an error",
                AUTH,
                this::wrongPassCode));
        checks.add(required(
                "openmsg.auth-confirm.unknown",
                "auth-confirm/ for a handshake that is not pending answers an error",
                AUTH_CONFIRM,
                this::authConfirmUnknown));
        checks.add(required(
                "openmsg.message.unknown-ident",
                "message-receive/ with an unknown ident_code answers SM_E001",
                CODES,
                this::unknownIdent));
        checks.add(required(
                "openmsg.confirm.unknown",
                "message-confirm/ for a hash it never sent answers SM_E003",
                CONFIRM,
                this::confirmUnknown));
        checks.add(hardening(
                "openmsg.hardening.garbage-body",
                "a body that is not JSON gets a JSON error, not a server error",
                "docs/openmsg.md \"Deviations\" (invalid input never crashes); docs/research/openmsg.md §11.17",
                this::garbageBody));
        checks.add(required(
                "openmsg.handshake.accept",
                "as acceptor: our auth/ with its pass code completes, its auth-confirm/ callback reaches us, three 64-hex codes come back",
                AUTH,
                this::handshakeAccept));
        checks.add(hardening(
                "openmsg.handshake.pass-code-single-use",
                "a pass code that completed a handshake is refused the second time",
                "docs/openmsg.md \"Pass-code rules\"; docs/research/openmsg.md §5, §11.13",
                this::passCodeSingleUse));
        checks.add(required(
                "openmsg.message.deliver",
                "as recipient: our message gets SM_S888 after its message-confirm/ callback with the hash and the package's nonce",
                RECEIVE,
                this::deliver));
        checks.add(required(
                "openmsg.message.inbox", "the delivered text is in the target user's inbox", RECEIVE, this::inbox));
        checks.add(hardening(
                "openmsg.message.replay",
                "the same message-receive/ body posted again is refused (SM_E007)",
                "docs/research/openmsg.md §11.10; docs/openmsg.md \"message-receive/\" step 5",
                this::replay));
        checks.add(hardening(
                "openmsg.message.inbox-no-duplicate",
                "after the replay the text is in the inbox once",
                "docs/research/openmsg.md §11.10",
                this::inboxNoDuplicate));
        checks.add(required(
                "openmsg.message.tampered-hash",
                "a message whose hash does not match answers SM_E004",
                CODES + "; docs/openmsg.md \"message-receive/\" step 3",
                this::tamperedHash));
        checks.add(required(
                "openmsg.message.stale",
                "a message timestamped 10 minutes ago answers SM_E005",
                CODES + "; docs/openmsg.md \"message-receive/\" step 4",
                this::stale));
        checks.add(hardening(
                "openmsg.message.future",
                "a message timestamped an hour ahead is refused",
                "docs/research/openmsg.md §11.11; docs/openmsg.md \"Numbers\" (future skew)",
                this::future));
        checks.add(hardening(
                "openmsg.message.hash-type",
                "a message_hash that is JSON true (not a string) is refused",
                "docs/research/openmsg.md §11.9",
                this::hashType));
        checks.add(hardening(
                "openmsg.message.timestamp-type",
                "a message_timestamp that is a JSON string (not an integer) is refused",
                "docs/openmsg.md \"Deviations\" (message_timestamp must be a JSON integer); docs/research/openmsg.md §4.3",
                this::timestampType));
        checks.add(required(
                "openmsg.send.receive",
                "as sender: the target's message reaches us with the documented fields and confirms on message-confirm/",
                RECEIVE + "; " + CONFIRM,
                this::sendReceive));
        checks.add(required(
                "openmsg.confirm.wrong-nonce",
                "message-confirm/ with the right hash and another nonce answers SM_E003",
                CONFIRM,
                this::confirmWrongNonce));
        checks.add(hardening(
                "openmsg.confirm.single-use",
                "message-confirm/ for a hash already confirmed is refused",
                "docs/openmsg.md \"Deviations\" (message-confirm single use); docs/research/openmsg.md §11.6",
                this::confirmSingleUse));
        checks.add(required(
                "openmsg.handshake.initiate",
                "as initiator: the target's auth/ reaches us with the documented fields and its auth-confirm/ confirms our callback",
                AUTH + "; " + AUTH_CONFIRM,
                this::handshakeInitiate));
        checks.add(hardening(
                "openmsg.auth-confirm.replay",
                "the same auth-confirm/ posted again is refused (the pending handshake is used up)",
                AUTH_CONFIRM,
                this::authConfirmReplay));
        checks.add(hardening(
                "openmsg.hardening.no-echo",
                "error answers never echo the pass codes, codes and hashes we sent",
                "docs/research/openmsg.md §11.15",
                this::noEcho));
        return checks;
    }

    private static Check required(String id, String title, String reference, CheckBody body) {
        return Check.required(id, title, reference, body);
    }

    private static Check hardening(String id, String title, String reference, CheckBody body) {
        return Check.hardening(id, title, reference, body);
    }

    // ---- checks that need no hook ----

    private void authMalformed() {
        Answer answer = post(OpenmsgEndpoint.AUTH, JSON.createObjectNode());
        requireError(answer, "auth/ with {}");
    }

    private void wrongPassCode() {
        String code = String.format("%06d", random.nextInt(1_000_000));
        ObjectNode request = authRequest(code);
        sentSecrets.put(code, "the pass code of auth/");
        Answer answer = post(OpenmsgEndpoint.AUTH, request);
        requireError(answer, "auth/ with a pass code that was never issued");
    }

    private void authConfirmUnknown() {
        ObjectNode request = JSON.createObjectNode();
        String hash = randomHex(32);
        request.put("receiving_openmsg_address", target.user().toString());
        request.put("passcode_hash", hash);
        sentSecrets.put(hash, "the passcode_hash of auth-confirm/");
        requireError(post(OpenmsgEndpoint.AUTH_CONFIRM, request), "auth-confirm/ for no pending handshake");
    }

    private void unknownIdent() {
        String ident = randomHex(32);
        sentSecrets.put(ident, "the ident_code of message-receive/");
        ObjectNode message = craft(ident, randomHex(32), SymmetricKey.generate(random), "unknown ident", now());
        Answer answer = post(OpenmsgEndpoint.MESSAGE_RECEIVE, message);
        requireCode(answer, "message-receive/ with an unknown ident_code", "SM_E001");
    }

    private void confirmUnknown() {
        ObjectNode request = JSON.createObjectNode();
        String hash = randomHex(32);
        request.put("message_hash", hash);
        request.put("message_nonce", Encodings.base64Url(randomBytes(24)));
        sentSecrets.put(hash, "the message_hash of message-confirm/");
        requireCode(post(OpenmsgEndpoint.MESSAGE_CONFIRM, request), "message-confirm/ for an unknown hash", "SM_E003");
    }

    private void garbageBody() {
        for (OpenmsgEndpoint endpoint : OpenmsgEndpoint.values()) {
            Answer answer = postRaw(endpoint, "{\"not json".getBytes(StandardCharsets.UTF_8));
            require(
                    answer.status() < 500,
                    endpoint.path() + " answered a body that is not JSON with HTTP " + answer.status());
            require(
                    answer.error(),
                    endpoint.path() + " answered a body that is not JSON with " + answer.describe()
                            + ", not a JSON error");
        }
    }

    // ---- the target as acceptor and recipient ----

    private void handshakeAccept() throws InterruptedException {
        String out = hook(OperatorHooks.Operation.PASS_CODE, "--passcode-cmd", Map.of());
        Matcher code = PASS_CODE.matcher(out);
        require(code.find(), "the pass-code hook printed no six-digit code");
        usedPassCode = code.group(1);
        passCodeTried = true;
        ConnectResult connected = peer.node().connect(self, target.user(), Secret.ofText(usedPassCode));
        if (connected instanceof ConnectResult.Failed failed) {
            throw fail("the handshake failed: " + failed.error() + ": " + failed.detail());
        }
        OutboundCall auth = lastCall(OpenmsgEndpoint.AUTH).orElseThrow(() -> fail("no auth/ call was recorded"));
        JsonNode answer = parse(auth.responseText());
        require(answer != null, "the auth/ answer is not JSON");
        authCode = hex64(answer, "auth_code");
        identCode = hex64(answer, "ident_code");
        key = SymmetricKey.of(Encodings.fromHex(hex64(answer, "message_crypt_key")));
        require(
                peer.requests().stream().anyMatch(r -> r.endpoint().equals(Optional.of(OpenmsgEndpoint.AUTH_CONFIRM))),
                "the target answered auth/ without calling our auth-confirm/ back");
    }

    private void passCodeSingleUse() {
        if (!passCodeTried || identCode == null) {
            throw skip("no handshake with a pass code happened (openmsg.handshake.accept)");
        }
        // Our peer confirms any callback this time, so only the target's pass-code check can refuse.
        peer.enqueue(OpenmsgEndpoint.AUTH_CONFIRM, PeerBehavior.respond(200, "{\"success\":true}"));
        Answer answer = post(OpenmsgEndpoint.AUTH, authRequest(usedPassCode));
        if (answer.success()) {
            throw fail("auth/ accepted the same pass code a second time: " + redact(answer));
        }
        requireError(answer, "auth/ with a used pass code");
    }

    private void deliver() {
        needConnection();
        deliveredText = "conformance-" + randomHex(6);
        SendResult sent = peer.node().send(self, target.user(), deliveredText);
        if (sent instanceof SendResult.Failed failed) {
            throw fail("our message was not accepted: " + failed.reason() + " "
                    + failed.peerCode().map(Object::toString).orElse("") + " " + failed.detail());
        }
        String hash = ((SendResult.Sent) sent).messageHash();
        deliveredCall = lastCall(OpenmsgEndpoint.MESSAGE_RECEIVE)
                .orElseThrow(() -> fail("no message-receive/ call was recorded"));
        RecordedRequest confirm = peer.requests().stream()
                .filter(r -> r.endpoint().equals(Optional.of(OpenmsgEndpoint.MESSAGE_CONFIRM)))
                .filter(r -> hash.equals(hashOf(r.body())))
                .reduce((a, b) -> b)
                .orElseThrow(() -> fail("the target accepted the message without calling our message-confirm/"));
        JsonNode body = parse(confirm.bodyText());
        String pkg = parse(deliveredCall.bodyText()).path("message_package").asText();
        require(
                body != null
                        && pkg.length() >= 32
                        && pkg.substring(0, 32)
                                .equals(body.path("message_nonce").asText()),
                "the message-confirm/ callback's message_nonce is not the package's first 32 characters");
    }

    private void inbox() throws InterruptedException {
        if (deliveredText == null) {
            throw skip("no message was delivered (openmsg.message.deliver)");
        }
        int count = inboxCount(deliveredText);
        require(count >= 1, "the delivered text is not in the inbox the inbox hook printed");
    }

    private void replay() {
        if (deliveredCall == null) {
            throw skip("no message was delivered (openmsg.message.deliver)");
        }
        confirmedByPeer.add(hashOf(deliveredCall.body()));
        Answer answer = postRaw(OpenmsgEndpoint.MESSAGE_RECEIVE, deliveredCall.body());
        replayed = true;
        if (answer.success()) {
            throw fail(
                    "the replayed message-receive/ body was accepted again (" + answer.code() + "): no replay guard");
        }
        requireError(answer, "a replayed message-receive/");
    }

    private void inboxNoDuplicate() throws InterruptedException {
        if (!replayed) {
            throw skip("no replay was attempted (openmsg.message.replay)");
        }
        int count = inboxCount(deliveredText);
        require(count == 1, "the delivered text is in the inbox " + count + " times after a replay");
    }

    private void tamperedHash() {
        needConnection();
        ObjectNode message = craft(identCode, authCode, key, "tampered", now());
        String good = message.get("message_hash").asText();
        String bad = (good.charAt(0) == '0' ? "1" : "0") + good.substring(1);
        message.put("message_hash", bad);
        confirmedByPeer.add(bad);
        sentSecrets.put(bad, "the message_hash of message-receive/");
        Answer answer = post(OpenmsgEndpoint.MESSAGE_RECEIVE, message);
        if (answer.success()) {
            throw fail("a message whose hash does not match was accepted (" + answer.code() + ")");
        }
        requireCode(answer, "message-receive/ with a tampered hash", "SM_E004");
    }

    private void stale() {
        needConnection();
        ObjectNode message = craft(identCode, authCode, key, "stale", now() - 600);
        confirmedByPeer.add(message.get("message_hash").asText());
        Answer answer = post(OpenmsgEndpoint.MESSAGE_RECEIVE, message);
        if (answer.success()) {
            throw fail("a message timestamped 10 minutes ago was accepted");
        }
        requireCode(answer, "message-receive/ timestamped 10 minutes ago", "SM_E005");
    }

    private void future() {
        needConnection();
        ObjectNode message = craft(identCode, authCode, key, "future", now() + 3600);
        confirmedByPeer.add(message.get("message_hash").asText());
        Answer answer = post(OpenmsgEndpoint.MESSAGE_RECEIVE, message);
        if (answer.success()) {
            throw fail("a message timestamped an hour ahead was accepted: no upper bound on message_timestamp");
        }
        requireError(answer, "message-receive/ timestamped an hour ahead");
    }

    private void hashType() {
        needConnection();
        ObjectNode message = craft(identCode, authCode, key, "hash-type", now());
        confirmedByPeer.add(message.get("message_hash").asText());
        message.put("message_hash", true);
        Answer answer = post(OpenmsgEndpoint.MESSAGE_RECEIVE, message);
        if (answer.success()) {
            throw fail("a message with \"message_hash\": true was accepted: loose comparison skips the hash check");
        }
        requireError(answer, "message-receive/ with \"message_hash\": true");
    }

    private void timestampType() {
        needConnection();
        ObjectNode message = craft(identCode, authCode, key, "timestamp-type", now());
        confirmedByPeer.add(message.get("message_hash").asText());
        message.put("message_timestamp", message.get("message_timestamp").asText());
        Answer answer = post(OpenmsgEndpoint.MESSAGE_RECEIVE, message);
        if (answer.success()) {
            throw fail("a message whose message_timestamp is a JSON string was accepted");
        }
        requireError(answer, "message-receive/ with a string message_timestamp");
    }

    // ---- the target as sender ----

    private void sendReceive() throws InterruptedException {
        if (!target.hooks().supports(OperatorHooks.Operation.SEND)) {
            throw skip("needs --send-cmd");
        }
        if (identCode == null) {
            throw skip("no connection with the target (openmsg.handshake.accept or openmsg.handshake.initiate)");
        }
        String text = "conformance-reply-" + randomHex(6);
        int before = peer.requestCount();
        hook(OperatorHooks.Operation.SEND, "--send-cmd", Map.of("text", text));
        receivedFromTarget = peer.requests().stream()
                .skip(before)
                .filter(r -> r.endpoint().equals(Optional.of(OpenmsgEndpoint.MESSAGE_RECEIVE)))
                .reduce((a, b) -> b)
                .orElseThrow(() -> fail("the send hook succeeded but no message-receive/ reached us"));
        JsonNode body = parse(receivedFromTarget.bodyText());
        require(body != null && body.isObject(), "the target's message-receive/ body is not a JSON object");
        expectText(body, "receiving_openmsg_address_id", PEER_USER_ID);
        require(body.path("message_timestamp").isIntegralNumber(), "message_timestamp is not a JSON integer");
        require(HEX64.matcher(body.path("ident_code").asText()).matches(), "ident_code is not 64 lowercase hex");
        require(HEX64.matcher(body.path("message_hash").asText()).matches(), "message_hash is not 64 lowercase hex");
        require(body.path("message_salt").asText().matches("[0-9a-f]{32}"), "message_salt is not 32 lowercase hex");
        require(body.path("message_package").isTextual(), "message_package is not a string");
        require(
                peer.node().inbox(PEER_USER_ID).stream().map(InboxMessage::text).anyMatch(text::equals),
                "we refused the target's message: " + receivedFromTarget.responseText());
        confirmToTarget = lastCall(OpenmsgEndpoint.MESSAGE_CONFIRM).orElse(null);
    }

    private void confirmWrongNonce() {
        if (confirmToTarget == null) {
            throw skip("no message from the target was confirmed (openmsg.send.receive)");
        }
        JsonNode sent = parse(confirmToTarget.bodyText());
        ObjectNode request = JSON.createObjectNode();
        request.put("message_hash", sent.path("message_hash").asText());
        request.put("message_nonce", Encodings.base64Url(randomBytes(24)));
        requireCode(post(OpenmsgEndpoint.MESSAGE_CONFIRM, request), "message-confirm/ with another nonce", "SM_E003");
    }

    private void confirmSingleUse() {
        if (confirmToTarget == null) {
            throw skip("no message from the target was confirmed (openmsg.send.receive)");
        }
        Answer answer = postRaw(OpenmsgEndpoint.MESSAGE_CONFIRM, confirmToTarget.body());
        if (answer.success()) {
            throw fail("message-confirm/ confirmed the same hash and nonce a second time");
        }
        requireError(answer, "a repeated message-confirm/");
    }

    // ---- the target as initiator ----

    private void handshakeInitiate() throws InterruptedException {
        if (!target.hooks().supports(OperatorHooks.Operation.CONNECT)) {
            throw skip("needs --connect-cmd");
        }
        String code = peer.node().issuePassCode(PEER_USER_ID).code().revealText();
        int before = peer.requestCount();
        int callsBefore = peer.outboundCalls().size();
        hook(OperatorHooks.Operation.CONNECT, "--connect-cmd", Map.of("pass_code", code));
        RecordedRequest auth = peer.requests().stream()
                .skip(before)
                .filter(r -> r.endpoint().equals(Optional.of(OpenmsgEndpoint.AUTH)))
                .findFirst()
                .orElseThrow(() -> fail("the connect hook succeeded but no auth/ reached us"));
        JsonNode body = parse(auth.bodyText());
        require(body != null && body.isObject(), "the target's auth/ body is not a JSON object");
        expectText(body, "receiving_openmsg_address_id", PEER_USER_ID);
        require(body.path("pass_code").isTextual(), "pass_code is not a JSON string");
        expectText(body, "pass_code", code);
        expectText(body, "sending_openmsg_address", target.user().toString());
        require(body.path("sending_openmsg_address_name").isTextual(), "sending_openmsg_address_name is not a string");
        JsonNode ours = parse(auth.responseText());
        require(
                ours != null && truthy(ours.get("success")),
                "we refused the target's auth/ (its auth-confirm/ did not confirm our callback): "
                        + auth.responseText());
        authConfirmToTarget = peer.outboundCalls().stream()
                .skip(callsBefore)
                .filter(c -> c.uri().getPath().endsWith(OpenmsgEndpoint.AUTH_CONFIRM.path()))
                .findFirst()
                .orElse(null);
        if (identCode == null) {
            identCode = ours.path("ident_code").asText();
            authCode = ours.path("auth_code").asText();
            key = SymmetricKey.of(
                    Encodings.fromHex(ours.path("message_crypt_key").asText()));
        }
    }

    private void authConfirmReplay() {
        if (authConfirmToTarget == null) {
            throw skip("the target did not initiate a handshake (openmsg.handshake.initiate)");
        }
        Answer answer = postRaw(OpenmsgEndpoint.AUTH_CONFIRM, authConfirmToTarget.body());
        if (answer.success()) {
            throw fail("auth-confirm/ confirmed the same pending handshake a second time");
        }
        requireError(answer, "a repeated auth-confirm/");
    }

    private void noEcho() {
        if (errorAnswers.isEmpty()) {
            throw skip("no error answers were collected");
        }
        for (Answer answer : errorAnswers) {
            for (Map.Entry<String, String> secret : sentSecrets.entrySet()) {
                if (answer.text().contains(secret.getKey())) {
                    throw fail("the " + answer.endpoint() + " error answer echoes " + secret.getValue());
                }
            }
        }
    }

    // ---- helpers ----

    private void needConnection() {
        if (identCode == null || authCode == null || key == null) {
            throw skip("no connection with the target (openmsg.handshake.accept)");
        }
    }

    private ObjectNode authRequest(String passCode) {
        ObjectNode request = JSON.createObjectNode();
        request.put("receiving_openmsg_address_id", target.user().id());
        request.put("pass_code", passCode);
        request.put("sending_openmsg_address", self.toString());
        request.put("sending_openmsg_address_name", "Conformance");
        request.put("sending_allow_replies", true);
        request.put("openmsg_version", 1);
        return request;
    }

    /** A message-receive/ body made as docs/research/openmsg.md §6 says. */
    private ObjectNode craft(String ident, String auth, SymmetricKey messageKey, String text, long timestamp) {
        byte[] nonce = randomBytes(24);
        byte[] box = SecretBox.seal(messageKey, nonce, text.getBytes(StandardCharsets.UTF_8));
        byte[] packageBytes = new byte[nonce.length + box.length];
        System.arraycopy(nonce, 0, packageBytes, 0, nonce.length);
        System.arraycopy(box, 0, packageBytes, nonce.length, box.length);
        String pkg = Encodings.base64Url(packageBytes);
        String salt = randomHex(16);
        String hash = Encodings.hex(Digests.sha256((pkg + auth + salt + timestamp).getBytes(StandardCharsets.UTF_8)));
        ObjectNode message = JSON.createObjectNode();
        message.put("receiving_openmsg_address_id", target.user().id());
        message.put("ident_code", ident);
        message.put("message_package", pkg);
        message.put("message_hash", hash);
        message.put("message_salt", salt);
        message.put("message_timestamp", timestamp);
        message.put("sending_openmsg_address_name", "Conformance");
        message.put("openmsg_version", 1);
        ObjectNode verified = message.putObject("verified_account");
        verified.putNull("verified_account_signature");
        verified.putNull("verified_account_name");
        verified.putNull("verified_account_expires");
        return message;
    }

    private Answer post(OpenmsgEndpoint endpoint, ObjectNode body) {
        try {
            return postRaw(endpoint, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer postRaw(OpenmsgEndpoint endpoint, byte[] body) {
        URI uri = target.baseUri().resolve((target.sandbox() ? "sandbox/" : "") + endpoint.path());
        PeerResponse response;
        try {
            response = client.post(uri, body);
        } catch (PeerUnreachableException e) {
            throw fail(endpoint.path() + " gave no HTTP answer: " + e.getMessage());
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        Answer answer = new Answer(endpoint.path(), response.status(), text, parse(text));
        if (!answer.success()) {
            errorAnswers.add(answer);
        }
        return answer;
    }

    private void requireError(Answer answer, String what) {
        require(answer.error(), what + " was answered " + redact(answer) + ", not an error");
    }

    private void requireCode(Answer answer, String what, String code) {
        requireError(answer, what);
        require(
                code.equals(answer.code()),
                what + " was answered with response_code " + answer.code() + ", expected " + code);
    }

    /** An answer for a report: status and the fields that say what happened, never codes or keys. */
    private static String redact(Answer answer) {
        if (answer.json() == null) {
            return "HTTP " + answer.status() + " (not JSON)";
        }
        ObjectNode shown = JSON.createObjectNode();
        for (String field : List.of("success", "error", "response_code", "error_code", "error_message")) {
            if (answer.json().has(field)) {
                shown.set(field, answer.json().get(field));
            }
        }
        return "HTTP " + answer.status() + " " + shown;
    }

    private Optional<OutboundCall> lastCall(OpenmsgEndpoint endpoint) {
        return peer.outboundCalls().stream()
                .filter(c -> c.uri().getPath().endsWith("/" + endpoint.path()))
                .reduce((a, b) -> b);
    }

    private int inboxCount(String text) throws InterruptedException {
        String out = hook(OperatorHooks.Operation.INBOX, "--inbox-cmd", Map.of());
        int count = 0;
        for (int i = out.indexOf(text); i >= 0; i = out.indexOf(text, i + text.length())) {
            count++;
        }
        return count;
    }

    /** Runs a hook; skips the check when there is none, fails it when the hook fails. */
    private String hook(OperatorHooks.Operation operation, String option, Map<String, String> extra)
            throws InterruptedException {
        if (!target.hooks().supports(operation)) {
            throw skip("needs " + option);
        }
        try {
            return target.hooks().run(operation, hookValues(extra));
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof dev.missive.testkit.conformance.Verdict.Failed
                    || e instanceof dev.missive.testkit.conformance.Verdict.Skipped) {
                throw e;
            }
            throw fail("the " + option + " hook failed: " + e);
        } catch (Exception e) {
            throw fail("the " + option + " hook failed: " + e.getMessage());
        }
    }

    private Map<String, String> hookValues(Map<String, String> extra) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("user", target.user().toString());
        values.put("user_id", target.user().id());
        values.put("peer", self.toString());
        values.putAll(extra);
        return values;
    }

    private static String hex64(JsonNode answer, String field) {
        String value = answer.path(field).asText();
        require(HEX64.matcher(value).matches(), "the auth/ answer's " + field + " is not 64 lowercase hex");
        return value;
    }

    private static void expectText(JsonNode body, String field, String expected) {
        JsonNode value = body.get(field);
        require(value != null && value.isTextual(), field + " is missing or not a string");
        require(value.asText().equals(expected), field + " is `" + value.asText() + "`, expected `" + expected + "`");
    }

    /** The JSON in an answer, tolerating the reference's leading blank lines; null when it is not JSON. */
    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text.strip());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String hashOf(byte[] body) {
        JsonNode node = parse(new String(body, StandardCharsets.UTF_8));
        return node == null ? "" : node.path("message_hash").asText();
    }

    private static boolean truthy(JsonNode value) {
        return value != null
                && (value.isBoolean()
                        ? value.asBoolean()
                        : value.isNumber()
                                ? value.asInt() != 0
                                : value.isTextual()
                                        && !value.asText().isEmpty()
                                        && !value.asText().equals("0"));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomHex(int bytes) {
        return Encodings.hex(randomBytes(bytes));
    }

    @Override
    public void close() {
        peer.close();
    }
}
