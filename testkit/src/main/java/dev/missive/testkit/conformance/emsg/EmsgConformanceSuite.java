package dev.missive.testkit.conformance.emsg;

import static dev.missive.testkit.conformance.Verdict.expectEquals;
import static dev.missive.testkit.conformance.Verdict.fail;
import static dev.missive.testkit.conformance.Verdict.require;
import static dev.missive.testkit.conformance.Verdict.skip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.EncodingException;
import dev.missive.crypto.Encodings;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.wire.Signatures;
import dev.missive.testkit.conformance.Check;
import dev.missive.testkit.conformance.CheckBody;
import dev.missive.testkit.conformance.ConformanceSuite;
import dev.missive.testkit.conformance.emsg.EmsgTarget.Account;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The EMSG 0.2 suite, written from Missive's profile ({@code docs/emsg.md}): the {@code hello} and
 * version rules, the client authentication challenge, registration, per-message {@code ack}, the
 * inbox, the signing input (every signed member tampered in turn), the routing and de-duplication
 * refusals, the schema and I-JSON errors with their codes and paths, the line cap, groups and
 * profile visibility; hardening: rate limits and idle connections. The suite is a client of the
 * target: it registers its own accounts (or logs in to pre-provisioned ones), signs real Ed25519
 * messages and reads the server's lines with its own reader. Checks share the sessions and
 * messages of earlier ones, so they run in list order; a check whose prerequisite failed is skipped.
 */
public final class EmsgConformanceSuite implements ConformanceSuite {

    private static final String SESSION = "docs/emsg.md \"Session\"";
    private static final String HELLO = "docs/emsg.md \"hello\"";
    private static final String AUTH = "docs/emsg.md \"Client authentication (auth)\"";
    private static final String REGISTER = "docs/emsg.md \"Registration (register)\"";
    private static final String ACKS = "docs/emsg.md \"Acknowledgements and replies\"";
    private static final String REQUESTS = "docs/emsg.md \"Client requests (after auth)\"";
    private static final String SIGNING = "docs/emsg.md \"Signing input\"";
    private static final String ROUTING = "docs/emsg.md \"Routing and federation\"";
    private static final String MESSAGES = "docs/emsg.md \"Messages\"";
    private static final String SCHEMAS = "docs/emsg.md \"Schemas\"";
    private static final String ERRORS = "docs/emsg.md \"Errors\"";
    private static final String GROUPS = "docs/emsg.md \"Group rules\"";
    private static final String PROFILES = "docs/emsg.md \"Profiles\"";
    private static final String DELIVERY = "docs/emsg.md \"Delivery semantics\"";
    private static final String LIMITS = "docs/emsg.md \"Limits and defaults (EmsgConfig)\"";

    /** The documented default {@code maxLineLength}; the oversize line is a little longer. */
    private static final int DOCUMENTED_MAX_LINE = 65536;

    private static final int DOCUMENTED_MAX_BODY = 16384;

    /** Most messages the rate-limit check sends before giving up (the documented burst is 600). */
    private static final int RATE_PROBE_LIMIT = 3000;

    private static final int RATE_BATCH = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmsgTarget target;
    private final SecureRandom random = new SecureRandom();
    private final List<LineProbe> connections = new ArrayList<>();
    private final String runTag;

    private boolean reachable;
    private Account alice;
    private Account bob;
    private Account carol;
    private LineProbe aliceSession;
    private LineProbe bobSession;
    private String aliceAuthLine;
    private String firstMessageLine;
    private String firstMessageId;
    private String lastAuthFailure;
    private String lastAuthSecrets;
    private String groupId;
    private boolean bobInGroup;
    private boolean profileSet;

    /**
     * A suite against {@code target}; nothing is opened until the checks run.
     *
     * @param target the server under test
     */
    public EmsgConformanceSuite(EmsgTarget target) {
        this.target = Objects.requireNonNull(target, "target");
        this.runTag = HexFormat.of().formatHex(randomBytes(4));
    }

    @Override
    public String protocol() {
        return "emsg";
    }

    @Override
    public String target() {
        return target.describe();
    }

    @Override
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.required(
                "emsg.session.hello",
                "hello is answered with hello: a 0.x version, the target's domain and a 32-byte base64url challenge",
                HELLO,
                this::hello));
        checks.add(Check.required(
                "emsg.session.version-tolerance",
                "a hello of another MINOR/PATCH with unknown members and capabilities is accepted",
                HELLO + "; " + SESSION,
                this::versionTolerance));
        checks.add(Check.required(
                "emsg.session.major-refused",
                "a hello of another MAJOR version is refused with 505 and the connection closed",
                HELLO + "; " + ERRORS,
                this::majorRefused));
        checks.add(Check.required(
                "emsg.session.before-hello",
                "a request before hello is answered 400 and hello still works",
                HELLO,
                this::beforeHello));
        checks.add(Check.required(
                "emsg.session.before-auth",
                "a client request after hello but before authentication is answered 401",
                HELLO,
                this::beforeAuth));
        if (target.accounts().isEmpty()) {
            checks.add(Check.required(
                    "emsg.register.open",
                    "register with a self-signed key is answered ok with the address (open registration)",
                    REGISTER,
                    this::registerAccounts));
            checks.add(Check.required(
                    "emsg.register.duplicate",
                    "registering an address that exists is refused with 409",
                    REGISTER,
                    this::registerDuplicate));
        } else {
            checks.add(Check.required(
                    "emsg.register.closed",
                    "register on a server with closed registration is refused with 403",
                    REGISTER,
                    this::registerClosed));
        }
        checks.add(Check.required(
                "emsg.auth.accept",
                "auth signed with the account's key over the issued challenge is answered ok with the address",
                AUTH,
                this::authAccept));
        checks.add(Check.required(
                "emsg.auth.wrong-key",
                "auth signed with another key is refused with 401 and the connection closed",
                AUTH,
                this::authWrongKey));
        checks.add(Check.required(
                "emsg.auth.other-server",
                "auth naming another server is refused with 401 and the connection closed",
                AUTH,
                this::authOtherServer));
        checks.add(Check.required(
                "emsg.auth.challenge-single-use",
                "an accepted auth line is refused on another connection (401) and not accepted again",
                AUTH,
                this::challengeSingleUse));
        checks.add(Check.required(
                "emsg.send.ack",
                "a signed one-to-one chat to a local account is answered ack with its id",
                ACKS,
                this::sendAck));
        checks.add(Check.required(
                "emsg.inbox.retrieve",
                "the recipient's inbox holds the message as the exact line its author signed, with seq and received_at",
                REQUESTS,
                this::inboxRetrieve));
        checks.add(Check.required(
                "emsg.message.unknown-member",
                "a signed chat with an unknown member is accepted (unknown members are ignored and signed)",
                SESSION + "; " + SIGNING,
                this::unknownMember));
        for (String field : List.of("id", "recipient", "timestamp", "body")) {
            checks.add(Check.required(
                    "emsg.signature.tampered-" + field,
                    "a chat whose `" + field + "` was changed after signing is refused with 460",
                    SIGNING + "; " + ERRORS,
                    tampered(field)));
        }
        checks.add(Check.required(
                "emsg.signature.tampered-added-member",
                "a chat with a member added after signing is refused with 460 (the signature covers every member)",
                SIGNING + "; " + ERRORS,
                tampered(null)));
        checks.add(Check.required(
                "emsg.signature.other-key",
                "a chat signed with another key under the sender's kid is refused with 460",
                SIGNING + "; " + ERRORS,
                this::otherKey));
        checks.add(Check.required(
                "emsg.signature.unknown-kid",
                "a chat naming a kid the sender does not have is refused with 460",
                ERRORS,
                this::unknownKid));
        checks.add(Check.required(
                "emsg.routing.sender-other-domain",
                "a chat whose sender is of another domain is refused with 461",
                ROUTING,
                this::senderOtherDomain));
        checks.add(Check.required(
                "emsg.routing.sender-other-user",
                "a chat whose sender is another local user is refused with 403",
                ROUTING,
                this::senderOtherUser));
        checks.add(Check.required(
                "emsg.routing.unknown-recipient",
                "a chat to an account that does not exist is refused with 404",
                ROUTING,
                this::unknownRecipient));
        checks.add(Check.required(
                "emsg.dedup.replay",
                "the accepted message line sent again is refused with 409 naming its id, and stored once",
                DELIVERY,
                this::replay));
        checks.add(Check.required(
                "emsg.time.future",
                "a chat timestamped an hour ahead is refused with 463",
                MESSAGES + "; " + ERRORS,
                this::futureTimestamp));
        checks.add(Check.required(
                "emsg.schema.missing-body",
                "a signed chat without body is refused with 422 and path $.body",
                SCHEMAS,
                schemaCheck("$.body", node -> node.remove("body"))));
        checks.add(Check.required(
                "emsg.schema.timestamp-type",
                "a signed chat with a boolean timestamp is refused with 422 and path $.timestamp",
                SCHEMAS,
                schemaCheck("$.timestamp", node -> node.put("timestamp", true))));
        checks.add(Check.required(
                "emsg.schema.recipient-format",
                "a signed chat whose recipient is not an address is refused with 422 and path $.recipient",
                SCHEMAS,
                schemaCheck("$.recipient", node -> node.put("recipient", "not an address"))));
        checks.add(Check.required(
                "emsg.schema.body-length",
                "a signed chat whose body is one character over maxBodyLength is refused with 422 and path $.body",
                SCHEMAS + "; " + LIMITS,
                schemaCheck("$.body", node -> node.put("body", "b".repeat(DOCUMENTED_MAX_BODY + 1)))));
        checks.add(Check.required(
                "emsg.errors.garbage-lines",
                "lines that are not JSON objects get one 400 each, in order, and the session keeps working",
                SESSION + "; " + ERRORS,
                this::garbageLines));
        checks.add(Check.required(
                "emsg.errors.i-json",
                "duplicate members, a fraction, nesting deeper than 16 are each refused with 400",
                SESSION + "; " + ERRORS,
                this::iJson));
        checks.add(Check.required(
                "emsg.errors.unknown-type",
                "a request of an unknown type is refused with 501",
                ERRORS,
                this::unknownType));
        checks.add(Check.required(
                "emsg.errors.oversize-line",
                "a line over the documented maxLineLength (64 KiB) is answered 413 and the connection closed",
                SESSION + "; " + ERRORS,
                this::oversizeLine));
        checks.add(Check.required(
                "emsg.group.create",
                "group_created is acked; group_get shows the group's name and its creator as owner",
                MESSAGES + " (system); " + REQUESTS,
                this::groupCreate));
        checks.add(Check.required(
                "emsg.group.invite",
                "joined by the owner is acked and group_get lists the target as member",
                GROUPS,
                this::groupInvite));
        checks.add(Check.required(
                "emsg.group.chat",
                "a member's group chat is acked and reaches the owner's inbox",
                ROUTING + "; " + GROUPS,
                this::groupChat));
        checks.add(Check.required(
                "emsg.group.rename",
                "group_renamed by the owner is acked and group_get shows the new name",
                GROUPS,
                this::groupRename));
        checks.add(Check.required(
                "emsg.group.member-cannot-rename",
                "group_renamed by a plain member is refused with 403 and the name is unchanged",
                GROUPS,
                this::memberCannotRename));
        checks.add(Check.required(
                "emsg.profile.set",
                "profile_set with public, contacts and private fields is answered ok",
                REQUESTS + "; " + PROFILES,
                this::profileSet));
        checks.add(Check.required(
                "emsg.profile.private-hidden",
                "a non-contact sees only the public field: contacts and private fields are hidden",
                PROFILES,
                this::profileNonContact));
        checks.add(Check.required(
                "emsg.profile.contact",
                "after contact_add the contact sees the contacts field too, the private one still hidden",
                PROFILES,
                this::profileContact));
        checks.add(Check.required(
                "emsg.profile.self",
                "the owner sees every field with its visibility",
                REQUESTS + "; " + PROFILES,
                this::profileSelf));
        checks.add(Check.hardening(
                "emsg.hardening.no-echo",
                "the 401 refusal of an auth does not echo the challenge or the signature",
                ERRORS,
                this::noEcho));
        checks.add(Check.hardening(
                "emsg.hardening.rate-limit",
                "a sender over its rate is refused with 429 and a positive integer retry_after (ms)",
                DELIVERY + " (rate limits)",
                this::rateLimit));
        checks.add(Check.hardening(
                "emsg.hardening.idle-before-hello",
                "a connection that never says hello is closed by the server (--idle-timeout)",
                SESSION,
                this::idleBeforeHello));
        checks.add(Check.hardening(
                "emsg.hardening.idle-session",
                "an authenticated connection left idle is closed by the server (--idle-timeout)",
                SESSION,
                this::idleSession));
        return checks;
    }

    // ---- hello and versions ----

    private String helloLine(String version, boolean extras) {
        ObjectNode hello = JSON.createObjectNode();
        hello.put("type", "hello").put("version", version).put("role", "client");
        hello.putArray("capabilities").add("groups").add("profiles");
        if (extras) {
            hello.withArray("capabilities").add("x-conformance-" + runTag);
            hello.putObject("x_future").putArray("nested").add(1).add("two");
        }
        return hello.toString();
    }

    private void hello() {
        LineProbe probe = open();
        reachable = true;
        JsonNode reply = probe.exchange(helloLine("0.2.0", false), "the reply to hello");
        String challenge = checkHello(reply, "the reply to hello");
        require(!challenge.isEmpty(), "no challenge");
    }

    /** Checks a server hello and returns its challenge. */
    private String checkHello(JsonNode reply, String what) {
        require(
                "hello".equals(reply.path("type").asText()),
                what + " is not a hello: " + LineProbe.abbreviate(reply.toString()));
        String version = reply.path("version").asText("");
        require(version.matches("0\\.\\d+(\\.\\d+)?([-+].*)?"), what + ": version `" + version + "` is not 0.x SemVer");
        expectEquals(what + ": domain", target.domain(), reply.path("domain").asText(""));
        String challenge = reply.path("challenge").asText("");
        byte[] bytes;
        try {
            require(
                    !challenge.contains("=") && !challenge.contains("+") && !challenge.contains("/"),
                    what + ": challenge `" + challenge + "` is not base64url without padding");
            bytes = Encodings.fromBase64OrBase64Url(challenge);
        } catch (EncodingException e) {
            throw fail(what + ": challenge `" + challenge + "` is not base64url");
        }
        expectEquals(what + ": challenge length in bytes", 32, bytes.length);
        return challenge;
    }

    private void versionTolerance() {
        needReachable();
        LineProbe probe = open();
        JsonNode reply = probe.exchange(helloLine("0.9.7-rc.1+build.5", true), "the reply to hello 0.9.7 with extras");
        checkHello(reply, "the reply to hello 0.9.7 with unknown members");
        LineProbe bare = open();
        checkHello(bare.exchange(helloLine("0.2", false), "the reply to hello 0.2"), "the reply to hello 0.2");
    }

    private void majorRefused() {
        needReachable();
        LineProbe probe = open();
        JsonNode reply = probe.exchange(helloLine("1.0.0", false), "the reply to hello 1.0.0");
        expectError(reply, 505, "hello with version 1.0.0");
        probe.expectClosed("the 505 refusal of version 1.0.0");
    }

    private void beforeHello() {
        needReachable();
        LineProbe probe = open();
        expectError(probe.exchange(inboxRequest(0, 1), "the reply to inbox before hello"), 400, "inbox before hello");
        checkHello(probe.exchange(helloLine("0.2.0", false), "the reply to hello after a refused line"), "hello");
    }

    private void beforeAuth() {
        needReachable();
        LineProbe probe = open();
        checkHello(probe.exchange(helloLine("0.2.0", false), "the reply to hello"), "hello");
        expectError(probe.exchange(inboxRequest(0, 1), "the reply to inbox before auth"), 401, "inbox before auth");
    }

    // ---- registration and authentication ----

    private void registerAccounts() {
        needReachable();
        List<Account> made = new ArrayList<>();
        for (String name : List.of("alice", "bob", "carol")) {
            Account account = new Account(new EmsgAddress("conf-" + runTag + "-" + name, target.domain()), newKey());
            LineProbe probe = open();
            String challenge = greet(probe);
            JsonNode reply = probe.exchange(registerLine(account, challenge), "the reply to register " + account);
            expectOk(reply, "register " + account);
            expectEquals(
                    "the address in the ok to register",
                    account.address().toString(),
                    reply.path("address").asText());
            made.add(account);
        }
        alice = made.get(0);
        bob = made.get(1);
        carol = made.get(2);
    }

    private void registerDuplicate() {
        needAccounts();
        LineProbe probe = open();
        String challenge = greet(probe);
        Account again = new Account(alice.address(), newKey());
        expectError(
                probe.exchange(registerLine(again, challenge), "the reply to a second register"),
                409,
                "register of an existing address");
    }

    private void registerClosed() {
        needReachable();
        alice = target.accounts().get(0);
        bob = target.accounts().get(1);
        carol = target.accounts().size() > 2 ? target.accounts().get(2) : null;
        LineProbe probe = open();
        String challenge = greet(probe);
        Account newcomer = new Account(new EmsgAddress("conf-" + runTag + "-new", target.domain()), newKey());
        expectError(
                probe.exchange(registerLine(newcomer, challenge), "the reply to register"),
                403,
                "register on a server with closed registration");
    }

    private String registerLine(Account account, String challenge) {
        ObjectNode register = JSON.createObjectNode();
        register.put("type", "register")
                .put("server", target.domain())
                .put("challenge", challenge)
                .put("address", account.address().toString());
        register.putObject("key")
                .put("kid", account.key().kid())
                .put("alg", account.key().algorithm().wireName())
                .put("key", account.key().publicKey().base64());
        return Signatures.sign(register, account.key());
    }

    private String authLine(Account account, String server, String challenge, EmsgSigningKey signer) {
        ObjectNode auth = JSON.createObjectNode();
        auth.put("type", "auth")
                .put("server", server)
                .put("challenge", challenge)
                .put("address", account.address().toString());
        return Signatures.sign(auth, signer);
    }

    private void authAccept() {
        needAccounts();
        LineProbe probe = open();
        String challenge = greet(probe);
        aliceAuthLine = authLine(alice, target.domain(), challenge, alice.key());
        JsonNode reply = probe.exchange(aliceAuthLine, "the reply to auth");
        expectOk(reply, "auth of " + alice);
        expectEquals(
                "the address in the ok to auth",
                alice.address().toString(),
                reply.path("address").asText());
        aliceSession = probe;
        bobSession = login(bob);
    }

    private void authWrongKey() {
        needAccounts();
        LineProbe probe = open();
        String challenge = greet(probe);
        EmsgSigningKey impostor = EmsgSigningKey.ed25519(alice.key().kid(), Ed25519PrivateKey.generate(random));
        String line = authLine(alice, target.domain(), challenge, impostor);
        JsonNode reply = probe.exchange(line, "the reply to auth signed with another key");
        lastAuthFailure = reply.toString();
        lastAuthSecrets =
                challenge + "\n" + parse(line).path("signature").path("value").asText();
        expectError(reply, 401, "auth signed with another key");
        probe.expectClosed("the 401 refusal of auth");
    }

    private void authOtherServer() {
        needAccounts();
        LineProbe probe = open();
        String challenge = greet(probe);
        JsonNode reply = probe.exchange(
                authLine(alice, "other-" + runTag + ".invalid", challenge, alice.key()),
                "the reply to auth naming another server");
        expectError(reply, 401, "auth signed for another server");
        probe.expectClosed("the 401 refusal of auth");
    }

    private void challengeSingleUse() {
        needSessions();
        LineProbe probe = open();
        greet(probe);
        expectError(
                probe.exchange(aliceAuthLine, "the reply to an accepted auth line on another connection"),
                401,
                "the accepted auth line replayed on a new connection (its challenge was issued elsewhere)");
        JsonNode again = aliceSession.exchange(aliceAuthLine, "the reply to the same auth line again");
        require(
                !"ok".equals(again.path("type").asText()),
                "the auth line was accepted a second time on its own connection: the challenge is not single-use");
    }

    // ---- messages ----

    private ObjectNode chat(Account from, String recipient, String body) {
        ObjectNode chat = JSON.createObjectNode();
        chat.put("type", "chat")
                .put("id", UUID.randomUUID().toString())
                .put("sender", from.address().toString())
                .put("recipient", recipient)
                .put("timestamp", System.currentTimeMillis())
                .put("body", body);
        return chat;
    }

    private void sendAck() {
        needSessions();
        ObjectNode chat = chat(alice, bob.address().toString(), "conformance " + runTag + " é€ \"quoted\"");
        firstMessageId = chat.get("id").asText();
        String line = Signatures.sign(chat, alice.key());
        JsonNode reply = aliceSession.exchange(line, "the reply to a chat");
        expectAck(reply, firstMessageId, "a signed chat");
        firstMessageLine = line;
    }

    private void inboxRetrieve() {
        needSessions();
        if (firstMessageLine == null) {
            throw skip("no message was accepted (emsg.send.ack)");
        }
        List<JsonNode> found = inboxEntries(bobSession, firstMessageId);
        require(!found.isEmpty(), "message " + firstMessageId + " is not in the recipient's inbox");
        JsonNode entry = found.get(0);
        require(
                entry.path("seq").canConvertToLong() && entry.path("seq").isIntegralNumber(),
                "the inbox entry has no integer seq: " + entry);
        require(entry.path("received_at").isIntegralNumber(), "the inbox entry has no integer received_at: " + entry);
        expectEquals(
                "the inbox's message string (the exact signed line)",
                firstMessageLine,
                entry.path("message").asText());
    }

    /** Every inbox entry of {@code session} whose message has {@code id}, paging through the whole inbox. */
    private List<JsonNode> inboxEntries(LineProbe session, String id) {
        List<JsonNode> found = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 200; page++) {
            JsonNode reply = session.exchange(inboxRequest(after, 500), "the reply to inbox");
            expectEquals("the reply to inbox: type", "inbox", reply.path("type").asText());
            JsonNode messages = reply.path("messages");
            require(
                    messages.isArray(),
                    "the inbox reply has no messages array: " + LineProbe.abbreviate(reply.toString()));
            for (JsonNode entry : messages) {
                require(
                        entry.path("message").isTextual(),
                        "an inbox entry's message is not a JSON string: " + LineProbe.abbreviate(entry.toString()));
                if (id.equals(parse(entry.path("message").asText()).path("id").asText())) {
                    found.add(entry);
                }
            }
            long next = reply.path("next").asLong(after);
            if (messages.isEmpty() || next <= after) {
                return found;
            }
            after = next;
        }
        return found;
    }

    private void unknownMember() {
        needSessions();
        ObjectNode chat = chat(alice, bob.address().toString(), "with an extension");
        chat.putObject("x_conformance").put("note", "unknown members are ignored and signed");
        String id = chat.get("id").asText();
        expectAck(
                aliceSession.exchange(Signatures.sign(chat, alice.key()), "the reply to a chat with an unknown member"),
                id,
                "a signed chat with an unknown member");
    }

    private CheckBody tampered(String field) {
        return () -> {
            needSessions();
            ObjectNode chat = chat(alice, bob.address().toString(), "to be tampered with");
            ObjectNode signed = (ObjectNode) parse(Signatures.sign(chat, alice.key()));
            String change;
            if (field == null) {
                signed.put("x_added", "after signing");
                change = "a member added";
            } else {
                switch (field) {
                    case "id" -> signed.put("id", UUID.randomUUID().toString());
                    case "recipient" -> signed.put("recipient", alice.address().toString());
                    case "timestamp" ->
                        signed.put("timestamp", signed.get("timestamp").asLong() - 1);
                    case "body" -> signed.put("body", "tampered with");
                    default -> throw new IllegalArgumentException(field);
                }
                change = "`" + field + "` changed";
            }
            JsonNode reply = aliceSession.exchange(signed.toString(), "the reply to a chat with " + change);
            expectError(reply, 460, "a chat with " + change + " after signing");
        };
    }

    private void otherKey() {
        needSessions();
        EmsgSigningKey impostor = EmsgSigningKey.ed25519(alice.key().kid(), Ed25519PrivateKey.generate(random));
        String line = Signatures.sign(chat(alice, bob.address().toString(), "forged"), impostor);
        expectError(
                aliceSession.exchange(line, "the reply to a chat signed with another key"),
                460,
                "a chat signed with another key under the sender's kid");
    }

    private void unknownKid() {
        needSessions();
        EmsgSigningKey renamed = EmsgSigningKey.ed25519("zz-unknown-" + runTag, Ed25519PrivateKey.generate(random));
        String line = Signatures.sign(chat(alice, bob.address().toString(), "unknown kid"), renamed);
        expectError(
                aliceSession.exchange(line, "the reply to a chat with an unknown kid"),
                460,
                "a chat naming a kid the sender does not have");
    }

    private void senderOtherDomain() {
        needSessions();
        ObjectNode chat = chat(alice, bob.address().toString(), "from elsewhere");
        chat.put("sender", alice.address().local() + "#other-" + runTag + ".example");
        expectError(
                aliceSession.exchange(Signatures.sign(chat, alice.key()), "the reply to a chat from another domain"),
                461,
                "a chat whose sender is of another domain");
    }

    private void senderOtherUser() {
        needSessions();
        ObjectNode chat = chat(alice, alice.address().toString(), "as bob");
        chat.put("sender", bob.address().toString());
        expectError(
                aliceSession.exchange(Signatures.sign(chat, alice.key()), "the reply to a chat as another user"),
                403,
                "a chat whose sender is another local user");
    }

    private void unknownRecipient() {
        needSessions();
        ObjectNode chat = chat(alice, "nobody-" + runTag + "#" + target.domain(), "to nobody");
        expectError(
                aliceSession.exchange(Signatures.sign(chat, alice.key()), "the reply to a chat to nobody"),
                404,
                "a chat to an account that does not exist");
    }

    private void replay() {
        needSessions();
        if (firstMessageLine == null) {
            throw skip("no message was accepted (emsg.send.ack)");
        }
        JsonNode reply = aliceSession.exchange(firstMessageLine, "the reply to a replayed message");
        if ("ack".equals(reply.path("type").asText())) {
            throw fail("the replayed message " + firstMessageId + " was accepted again (ack): no de-duplication by"
                    + " (sender, id)");
        }
        expectError(reply, 409, "the replayed message");
        expectEquals("the id named by the 409", firstMessageId, reply.path("id").asText(null));
        expectEquals(
                "copies of the replayed message in the inbox",
                1,
                inboxEntries(bobSession, firstMessageId).size());
    }

    private void futureTimestamp() {
        needSessions();
        ObjectNode chat = chat(alice, bob.address().toString(), "from the future");
        chat.put("timestamp", System.currentTimeMillis() + Duration.ofHours(1).toMillis());
        expectError(
                aliceSession.exchange(Signatures.sign(chat, alice.key()), "the reply to a future chat"),
                463,
                "a chat timestamped an hour ahead");
    }

    private CheckBody schemaCheck(String path, Consumer<ObjectNode> violation) {
        return () -> {
            needSessions();
            ObjectNode chat = chat(alice, bob.address().toString(), "schema");
            violation.accept(chat);
            JsonNode reply = aliceSession.exchange(Signatures.sign(chat, alice.key()), "the reply to " + path);
            expectError(reply, 422, "a chat violating the schema at " + path);
            JsonNode replyPath = reply.path("path");
            require(replyPath.isTextual(), "the 422 names no path (expected " + path + "): " + reply);
            expectEquals("the path of the 422", path, replyPath.asText());
        };
    }

    // ---- errors ----

    private void garbageLines() {
        needSessions();
        List<String> garbage = List.of("this is not json", "[1,2,3]", "{\"type\":\"inbox\"", "{} {}", "\"text\"");
        StringBuilder batch = new StringBuilder();
        garbage.forEach(line -> batch.append(line).append('\n'));
        byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBinary = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, withBinary, 0, bytes.length);
        withBinary[bytes.length] = (byte) 0xff;
        withBinary[bytes.length + 1] = 0;
        withBinary[bytes.length + 2] = (byte) 0xfe;
        withBinary[bytes.length + 3] = '\n';
        aliceSession.write(withBinary, "writing garbage lines");
        for (int i = 0; i < garbage.size() + 1; i++) {
            String what = i < garbage.size() ? LineProbe.abbreviate(garbage.get(i)) : "binary bytes";
            expectError(aliceSession.reply("the reply to the garbage line " + what), 400, "the garbage line " + what);
        }
        JsonNode reply = aliceSession.exchange(inboxRequest(0, 1), "the reply to inbox after garbage");
        expectEquals(
                "the reply to inbox after garbage lines: type",
                "inbox",
                reply.path("type").asText());
    }

    private void iJson() {
        needSessions();
        String deep = "{\"type\":\"inbox\",\"x\":" + "[".repeat(20) + "]".repeat(20) + "}";
        for (String line : List.of(
                "{\"type\":\"inbox\",\"type\":\"inbox\",\"after\":0,\"limit\":1}",
                "{\"type\":\"inbox\",\"after\":0.5,\"limit\":1}",
                deep)) {
            expectError(
                    aliceSession.exchange(line, "the reply to " + LineProbe.abbreviate(line)),
                    400,
                    "the line " + LineProbe.abbreviate(line));
        }
    }

    private void unknownType() {
        needSessions();
        expectError(
                aliceSession.exchange("{\"type\":\"x-frobnicate-" + runTag + "\"}", "the reply to an unknown type"),
                501,
                "a request of an unknown type");
    }

    private void oversizeLine() {
        needReachable();
        LineProbe probe = open();
        greet(probe);
        String prefix = "{\"type\":\"inbox\",\"after\":0,\"limit\":1,\"pad\":\"";
        String line = prefix + "x".repeat(DOCUMENTED_MAX_LINE + 1024) + "\"}";
        probe.send(line);
        JsonNode reply = probe.reply("the reply to a line of " + line.length() + " bytes");
        expectError(reply, 413, "a line of " + line.length() + " bytes");
        probe.expectClosed("the 413 refusal of an oversize line");
    }

    // ---- groups ----

    private ObjectNode system(Account from, String event) {
        ObjectNode system = JSON.createObjectNode();
        system.put("type", "system")
                .put("id", UUID.randomUUID().toString())
                .put("event", event)
                .put("sender", from.address().toString())
                .put("group_id", groupId)
                .put("timestamp", System.currentTimeMillis());
        return system;
    }

    private void groupCreate() {
        needSessions();
        groupId = "g-" + UUID.randomUUID() + "#" + target.domain();
        ObjectNode created = system(alice, "group_created").put("group_name", "Conformance " + runTag);
        String id = created.get("id").asText();
        expectAck(
                aliceSession.exchange(Signatures.sign(created, alice.key()), "the reply to group_created"),
                id,
                "group_created");
        JsonNode group = groupGet(aliceSession);
        expectEquals(
                "group_get: group_name",
                "Conformance " + runTag,
                group.path("group_name").asText());
        expectEquals("group_get: role of the creator", "owner", roleOf(group, alice));
    }

    private void groupInvite() {
        needGroup();
        ObjectNode joined = system(alice, "joined").put("target", bob.address().toString());
        expectAck(
                aliceSession.exchange(Signatures.sign(joined, alice.key()), "the reply to joined"),
                joined.get("id").asText(),
                "joined (the owner invites a member)");
        expectEquals("group_get: role of the invited account", "member", roleOf(groupGet(aliceSession), bob));
        bobInGroup = true;
    }

    private void groupChat() {
        needMember();
        ObjectNode chat = JSON.createObjectNode();
        chat.put("type", "chat")
                .put("id", UUID.randomUUID().toString())
                .put("sender", bob.address().toString())
                .put("group_id", groupId)
                .put("timestamp", System.currentTimeMillis())
                .put("body", "hello group " + runTag);
        String id = chat.get("id").asText();
        String line = Signatures.sign(chat, bob.key());
        expectAck(bobSession.exchange(line, "the reply to a group chat"), id, "a member's group chat");
        List<JsonNode> found = inboxEntries(aliceSession, id);
        require(!found.isEmpty(), "the group chat " + id + " did not reach the owner's inbox");
        expectEquals(
                "the group chat in the owner's inbox",
                line,
                found.get(0).path("message").asText());
    }

    private void groupRename() {
        needGroup();
        ObjectNode renamed = system(alice, "group_renamed").put("group_name", "Renamed " + runTag);
        expectAck(
                aliceSession.exchange(Signatures.sign(renamed, alice.key()), "the reply to group_renamed"),
                renamed.get("id").asText(),
                "group_renamed by the owner");
        expectEquals(
                "group_get: group_name after the rename",
                "Renamed " + runTag,
                groupGet(aliceSession).path("group_name").asText());
    }

    private void memberCannotRename() {
        needMember();
        String before = groupGet(aliceSession).path("group_name").asText();
        ObjectNode renamed = system(bob, "group_renamed").put("group_name", "Hijacked " + runTag);
        JsonNode reply = bobSession.exchange(Signatures.sign(renamed, bob.key()), "the reply to a member's rename");
        if ("ack".equals(reply.path("type").asText())) {
            throw fail("a plain member's group_renamed was accepted (ack): the group rules were not applied");
        }
        expectError(reply, 403, "group_renamed by a plain member");
        expectEquals(
                "group_get: group_name after the refused rename",
                before,
                groupGet(aliceSession).path("group_name").asText());
    }

    private JsonNode groupGet(LineProbe session) {
        ObjectNode get = JSON.createObjectNode().put("type", "group_get").put("group_id", groupId);
        JsonNode group = session.exchange(get.toString(), "the reply to group_get");
        expectEquals("the reply to group_get: type", "group", group.path("type").asText());
        return group;
    }

    private static String roleOf(JsonNode group, Account account) {
        for (JsonNode member : group.path("members")) {
            if (account.address().toString().equals(member.path("address").asText())) {
                return member.path("role").asText();
            }
        }
        return "(not a member)";
    }

    // ---- profiles ----

    private static final String PUBLIC_NAME = "Conformance";
    private static final String CONTACTS_NAME = "Contacts-Only";
    private static final String PRIVATE_ADDRESS = "1 Private Street";

    private void profileSet() {
        needSessions();
        ObjectNode set = JSON.createObjectNode().put("type", "profile_set");
        ObjectNode fields = set.putObject("fields");
        fields.putObject("first_name").put("value", PUBLIC_NAME).put("visibility", "public");
        fields.putObject("last_name").put("value", CONTACTS_NAME).put("visibility", "contacts");
        fields.putObject("address").put("value", PRIVATE_ADDRESS).put("visibility", "private");
        expectOk(bobSession.exchange(set.toString(), "the reply to profile_set"), "profile_set");
        profileSet = true;
    }

    private JsonNode profileOfBob(LineProbe viewer) {
        ObjectNode get = JSON.createObjectNode()
                .put("type", "profile_get")
                .put("address", bob.address().toString());
        JsonNode profile = viewer.exchange(get.toString(), "the reply to profile_get");
        expectEquals(
                "the reply to profile_get: type",
                "profile",
                profile.path("type").asText());
        require(profile.path("fields").isObject(), "the profile has no fields object: " + profile);
        return profile;
    }

    private void profileNonContact() {
        needProfile();
        JsonNode profile = profileOfBob(aliceSession);
        expectEquals("fields a non-contact sees", Set.of("first_name"), fieldNames(profile.path("fields")));
        expectEquals(
                "first_name",
                PUBLIC_NAME,
                profile.path("fields").path("first_name").asText());
        require(!profile.toString().contains(PRIVATE_ADDRESS), "the private value appears in a non-contact's answer");
    }

    private void profileContact() {
        needProfile();
        ObjectNode add = JSON.createObjectNode()
                .put("type", "contact_add")
                .put("address", alice.address().toString());
        expectOk(bobSession.exchange(add.toString(), "the reply to contact_add"), "contact_add");
        JsonNode profile = profileOfBob(aliceSession);
        expectEquals("fields a contact sees", Set.of("first_name", "last_name"), fieldNames(profile.path("fields")));
        expectEquals(
                "last_name",
                CONTACTS_NAME,
                profile.path("fields").path("last_name").asText());
        require(!profile.toString().contains(PRIVATE_ADDRESS), "the private value appears in a contact's answer");
    }

    private void profileSelf() {
        needProfile();
        JsonNode profile = profileOfBob(bobSession);
        expectEquals(
                "fields the owner sees",
                Set.of("first_name", "last_name", "address"),
                fieldNames(profile.path("fields")));
        expectEquals(
                "address",
                PRIVATE_ADDRESS,
                profile.path("fields").path("address").asText());
        JsonNode visibility = profile.path("visibility");
        expectEquals(
                "visibility of address", "private", visibility.path("address").asText(null));
        expectEquals(
                "visibility of last_name",
                "contacts",
                visibility.path("last_name").asText(null));
    }

    private static Set<String> fieldNames(JsonNode fields) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    // ---- hardening ----

    private void noEcho() {
        if (lastAuthFailure == null) {
            throw skip("no auth was refused (emsg.auth.wrong-key)");
        }
        for (String secret : lastAuthSecrets.split("\n")) {
            require(
                    !secret.isEmpty() && !lastAuthFailure.contains(secret),
                    "the 401 refusal echoes the challenge or the signature: " + LineProbe.abbreviate(lastAuthFailure));
        }
    }

    private void rateLimit() {
        needSessions();
        Account sender = carol != null ? carol : alice;
        LineProbe session = sender == alice ? aliceSession : login(sender);
        for (int sent = 0; sent < RATE_PROBE_LIMIT; sent += RATE_BATCH) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < RATE_BATCH; i++) {
                batch.append(Signatures.sign(
                                chat(sender, bob.address().toString(), "rate " + (sent + i)), sender.key()))
                        .append('\n');
            }
            session.write(batch.toString().getBytes(StandardCharsets.UTF_8), "sending messages quickly");
            JsonNode limited = null;
            for (int i = 0; i < RATE_BATCH; i++) {
                JsonNode reply = session.reply("the reply to message " + (sent + i + 1) + " of a burst");
                if (limited == null && reply.path("code").asInt() == 429) {
                    limited = reply;
                }
            }
            if (limited != null) {
                JsonNode retry = limited.path("retry_after");
                require(
                        retry.isIntegralNumber() && retry.asLong() > 0,
                        "the 429 has no positive integer retry_after: " + limited);
                return;
            }
        }
        throw fail("no 429 after " + RATE_PROBE_LIMIT + " messages from one sender sent as fast as it answered"
                + " (documented: 600 a minute)");
    }

    private void idleBeforeHello() throws IOException {
        Duration idle = needIdleTimeout();
        LineProbe probe = open();
        String problem = probe.awaitClose(idle.plus(LineProbe.REPLY_WAIT));
        require(problem == null, problem + " (--idle-timeout " + idle + ")");
    }

    private void idleSession() {
        Duration idle = needIdleTimeout();
        needAccounts();
        LineProbe probe = login(alice);
        String problem = probe.awaitClose(idle.plus(LineProbe.REPLY_WAIT));
        require(problem == null, problem + " after authentication (--idle-timeout " + idle + ")");
    }

    private Duration needIdleTimeout() {
        needReachable();
        if (target.idleTimeout() == null) {
            throw skip("the documented idle timeout is an hour: give the target's --idle-timeout to wait for it");
        }
        return target.idleTimeout();
    }

    // ---- helpers ----

    private LineProbe open() {
        LineProbe probe;
        try {
            probe = LineProbe.open(target);
        } catch (IOException e) {
            throw fail("could not connect to " + target.host() + ":" + target.port() + ": " + e.getMessage());
        }
        connections.add(probe);
        return probe;
    }

    /** Says hello on {@code probe} and returns the challenge. */
    private String greet(LineProbe probe) {
        return checkHello(probe.exchange(helloLine("0.2.0", false), "the reply to hello"), "the reply to hello");
    }

    /** A new authenticated session of {@code account}. */
    private LineProbe login(Account account) {
        LineProbe probe = open();
        String challenge = greet(probe);
        expectOk(
                probe.exchange(authLine(account, target.domain(), challenge, account.key()), "the reply to auth"),
                "auth of " + account);
        return probe;
    }

    private static String inboxRequest(long after, int limit) {
        return "{\"type\":\"inbox\",\"after\":" + after + ",\"limit\":" + limit + "}";
    }

    private static void expectOk(JsonNode reply, String what) {
        require(
                "ok".equals(reply.path("type").asText()),
                what + " was answered " + LineProbe.abbreviate(reply.toString()) + ", not ok");
    }

    private static void expectAck(JsonNode reply, String id, String what) {
        require(
                "ack".equals(reply.path("type").asText()),
                what + " was answered " + LineProbe.abbreviate(reply.toString()) + ", not ack");
        expectEquals("the id in the ack to " + what, id, reply.path("id").asText(null));
    }

    private static void expectError(JsonNode reply, int code, String what) {
        String type = reply.path("type").asText();
        if (!"error".equals(type)) {
            throw fail(what + " was accepted (" + LineProbe.abbreviate(reply.toString()) + "), expected error " + code);
        }
        require(reply.path("code").isIntegralNumber(), what + ": the error has no integer code: " + reply);
        expectEquals(what + ": error code", code, reply.path("code").asInt());
        require(reply.path("message").isTextual(), what + ": the error has no message: " + reply);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw fail("not JSON: " + LineProbe.abbreviate(text));
        }
    }

    private void needReachable() {
        if (!reachable) {
            throw skip("the server was not reachable (emsg.session.hello)");
        }
    }

    private void needAccounts() {
        needReachable();
        if (alice == null || bob == null) {
            throw skip("no accounts (" + (target.accounts().isEmpty() ? "emsg.register.open" : "emsg.register.closed")
                    + ")");
        }
    }

    private void needSessions() {
        needAccounts();
        if (aliceSession == null || bobSession == null) {
            throw skip("no authenticated sessions (emsg.auth.accept)");
        }
    }

    private void needGroup() {
        needSessions();
        if (groupId == null) {
            throw skip("no group was created (emsg.group.create)");
        }
    }

    private void needMember() {
        needGroup();
        if (!bobInGroup) {
            throw skip("nobody was invited (emsg.group.invite)");
        }
    }

    private void needProfile() {
        needSessions();
        if (!profileSet) {
            throw skip("no profile was set (emsg.profile.set)");
        }
    }

    private EmsgSigningKey newKey() {
        return EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(random));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        connections.forEach(LineProbe::close);
    }
}
