package dev.missive.testkit.conformance.mesh;

import static dev.missive.testkit.conformance.Verdict.fail;
import static dev.missive.testkit.conformance.Verdict.require;
import static dev.missive.testkit.conformance.Verdict.skip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaKeyPair;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPss;
import dev.missive.http.BoundedBodies;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshException;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.model.MeshOrigin;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
import dev.missive.mesh.wire.SyncHashesRequest;
import dev.missive.mesh.wire.SyncPushRequest;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.testkit.conformance.Check;
import dev.missive.testkit.conformance.ConformanceSuite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The mesh relay suite (Missive's J2 profile, {@code docs/mesh.md}). The runner is a client with two
 * fresh RSA-4096 keys: "recipient" and "other" (the sender, and the stranger who tries to fetch or
 * discard the recipient's packets). Valid packets and signed requests come from the core client
 * engine ({@link MeshClient}); malformed ones (wrong hash, broken envelope, another signer's
 * signature, a replayed nonce) are made from those by hand and sent as raw HTTP. Every check cites
 * the section of {@code docs/mesh.md} it checks.
 *
 * <p>Key generation is slow (RSA-4096), so the keys are made once per suite; tests that run many
 * suites can pass their own with {@link #MeshConformanceSuite(MeshTarget, RsaKeyPair, RsaKeyPair)}.
 */
public final class MeshConformanceSuite implements ConformanceSuite {

    private static final String ENDPOINTS = "docs/mesh.md \"Endpoints\"";
    private static final String ERRORS = "docs/mesh.md \"Errors\"";
    private static final String SERVER_CHECKS = "docs/mesh.md \"Server checks\"";
    private static final String HASH = "docs/mesh.md \"Hash\"";
    private static final String SIGNING = "docs/mesh.md \"Request signing\"";
    private static final String DISCARD = "docs/mesh.md \"Discard and forwarded tombstones\"";
    private static final String RETENTION = "docs/mesh.md \"Retention and tombstones\"";
    private static final String SYNC = "docs/mesh.md \"Sync\"";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    /** Well outside the documented ±5 minutes. */
    private static final Duration STALE = Duration.ofMinutes(10);

    private final MeshTarget target;
    private final RsaKeyPair recipientKeys;
    private final RsaKeyPair otherKeys;
    private final MeshClient recipient;
    private final MeshClient other;
    private final MeshClient staleRecipient;
    private final MeshClient staleOther;
    private final OkHttpClient http;
    private final SecureRandom random = new SecureRandom();

    private String audience;
    private SealedMessage first;
    private boolean discarded;

    /** One answer of the target. */
    private record Answer(int status, String text, JsonNode json, String allow) {
        String error() {
            return json != null && json.path("error").isTextual()
                    ? json.path("error").asText()
                    : null;
        }

        String describe() {
            String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            return "HTTP " + status + " " + (shown.isBlank() ? "(empty)" : shown.strip());
        }
    }

    /**
     * A suite with two fresh RSA-4096 keys (this takes a few seconds).
     *
     * @param target the server under test
     */
    public MeshConformanceSuite(MeshTarget target) {
        this(target, generate(), generate());
    }

    /**
     * A suite using the given keys: {@code recipient} receives the suite's packets, {@code other}
     * sends them and plays the stranger. Use fresh keys for every target (the checks expect the
     * recipient's mailbox to hold only the suite's packets).
     *
     * @param target    the server under test
     * @param recipient an RSA-4096 key pair
     * @param other     another RSA-4096 key pair
     */
    public MeshConformanceSuite(MeshTarget target, RsaKeyPair recipient, RsaKeyPair other) {
        this.target = Objects.requireNonNull(target, "target");
        this.recipientKeys = Objects.requireNonNull(recipient, "recipient");
        this.otherKeys = Objects.requireNonNull(other, "other");
        if (recipient.publicKey().equals(other.publicKey())) {
            throw new IllegalArgumentException("the two keys must differ");
        }
        Clock past = () -> Instant.now().minus(STALE);
        this.recipient = client(recipient.privateKey(), Clock.system());
        this.other = client(other.privateKey(), Clock.system());
        this.staleRecipient = client(recipient.privateKey(), past);
        this.staleOther = client(other.privateKey(), past);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * A fresh RSA-4096 key pair, the only size J2 accepts.
     *
     * @return the key pair
     */
    public static RsaKeyPair generate() {
        return RsaPrivateKey.generate(4096, new SecureRandom());
    }

    private static MeshClient client(RsaPrivateKey key, Clock clock) {
        return MeshClient.builder()
                .key(key)
                .clock(clock)
                .random(RandomSource.secure())
                .seenStore(new InMemoryReplayGuardStore())
                .build();
    }

    @Override
    public String protocol() {
        return "mesh";
    }

    @Override
    public String target() {
        return target.describe();
    }

    @Override
    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.required(
                "mesh.version.shape",
                "GET /version answers {profiles, origin, key} with j2 among the profiles, a canonical origin and an RSA-4096 key",
                ENDPOINTS + "; \"Origins\"",
                this::version));
        checks.add(Check.required(
                "mesh.status.shape",
                "GET /status answers {load, packets}, two non-negative integers",
                ENDPOINTS,
                this::status));
        checks.add(Check.required(
                "mesh.http.unknown-path",
                "a path that is no endpoint answers HTTP 404",
                ENDPOINTS + " (other paths)",
                this::unknownPath));
        checks.add(Check.required(
                "mesh.http.wrong-method",
                "an endpoint called with another method answers HTTP 405 with Allow",
                ENDPOINTS + " (other paths)",
                this::wrongMethod));
        checks.add(Check.required(
                "mesh.send.accept",
                "POST /send of a valid packet answers {\"hash\": its hash}",
                ENDPOINTS + "; " + SERVER_CHECKS,
                this::sendAccept));
        checks.add(Check.required(
                "mesh.send.repeat",
                "the same packet sent again answers {\"hash\": its hash} again",
                ENDPOINTS,
                this::sendRepeat));
        checks.add(Check.required(
                "mesh.fetch.by-recipient",
                "the recipient's signed /fetch/by_recipient returns the packet unchanged, and it opens",
                ENDPOINTS + "; " + SIGNING,
                this::fetchByRecipient));
        checks.add(Check.required(
                "mesh.fetch.by-hash",
                "the recipient's signed /fetch/by_hash returns the packet unchanged",
                ENDPOINTS + "; " + SIGNING,
                this::fetchByHash));
        checks.add(Check.required(
                "mesh.fetch.by-hash-other-signer",
                "/fetch/by_hash signed by another client does not return the recipient's packet",
                ENDPOINTS + " (a client gets only packets addressed to the signer)",
                this::fetchByHashOtherSigner));
        checks.add(Check.required(
                "mesh.errors.malformed",
                "a body that is not JSON, on every POST endpoint, answers 400 malformed",
                ERRORS + "; \"Wire format\"",
                this::malformedEverywhere));
        checks.add(Check.required(
                "mesh.send.malformed",
                "a packet with a non-string hash, a missing member or a duplicate member answers 400 malformed",
                ERRORS + "; " + SERVER_CHECKS + " 1",
                this::sendMalformed));
        checks.add(Check.required(
                "mesh.send.hash-mismatch",
                "a packet whose hash is not the J2 hash of its fields answers 400 hash_mismatch and is not stored",
                HASH + "; " + SERVER_CHECKS + " 2",
                this::hashMismatch));
        checks.add(Check.required(
                "mesh.send.bad-key",
                "a packet whose recipient is not base64 SPKI of an RSA-4096 key answers 400 bad_key",
                ERRORS + "; " + SERVER_CHECKS + " 3",
                this::badKey));
        checks.add(Check.required(
                "mesh.send.bad-envelope",
                "a packet whose message envelope has version 2, or is truncated, answers 400 bad_envelope",
                "docs/mesh.md \"Envelope\"; " + SERVER_CHECKS + " 4",
                this::badEnvelope));
        checks.add(Check.required(
                "mesh.send.stale",
                "a packet whose envelopes were created 10 minutes ago answers 400 stale",
                ERRORS + "; " + SERVER_CHECKS + " 5",
                this::sendStale));
        checks.add(Check.required(
                "mesh.send.too-large",
                "a /send body over 64 KiB answers 413 too_large",
                ERRORS + "; \"Decisions\" (transport)",
                this::tooLarge));
        checks.add(Check.required(
                "mesh.send.no-replace",
                "a second /send under the first packet's hash, with other content or another recipient, is refused and the first stays",
                HASH + "; " + SERVER_CHECKS + " 6",
                this::noReplace));
        checks.add(Check.required(
                "mesh.fetch.replayed-nonce",
                "the same signed fetch sent twice: the second answers 401 replayed",
                SIGNING,
                this::replayedNonce));
        checks.add(Check.required(
                "mesh.fetch.wrong-audience",
                "a fetch signed for another origin answers 401 wrong_audience",
                SIGNING + "; \"Origins\"",
                this::wrongAudience));
        checks.add(Check.required(
                "mesh.fetch.stale", "a fetch signed 10 minutes ago answers 400 stale", SIGNING, this::fetchStale));
        checks.add(Check.required(
                "mesh.fetch.bad-signature",
                "a fetch naming the recipient but signed by another key answers 401 bad_signature, without packets",
                SIGNING,
                this::fetchBadSignature));
        checks.add(Check.required(
                "mesh.discard.other-signer",
                "a discard of the recipient's packet signed by another client erases nothing and buries nothing",
                DISCARD,
                this::discardOtherSigner));
        checks.add(Check.required(
                "mesh.discard.wrong-purpose",
                "the recipient's signed fetch_by_hash request posted to /discard answers 401 bad_signature and erases nothing",
                SIGNING + " (the purpose comes from the endpoint)",
                this::discardWrongPurpose));
        checks.add(Check.required(
                "mesh.discard.recipient",
                "the recipient's discard answers {\"discarded\": 1} and the packet is no longer fetched",
                ENDPOINTS + "; " + DISCARD,
                this::discardRecipient));
        checks.add(Check.required(
                "mesh.discard.no-resurrection",
                "the discarded packet sent again answers 410 gone and stays out of later fetches",
                RETENTION + "; " + ERRORS,
                this::noResurrection));
        checks.add(Check.hardening(
                "mesh.sync.hashes-bad-signature",
                "/sync/hashes whose signature is not by the key it names answers 401 bad_signature",
                SYNC + " steps 1-2; " + SIGNING,
                this::syncHashesBadSignature));
        checks.add(Check.hardening(
                "mesh.sync.hashes-entry-mismatch",
                "/sync/hashes signed by a key other than its server entry's answers 403 unknown_peer",
                SYNC + " step 2; " + ERRORS,
                this::syncHashesEntryMismatch));
        checks.add(Check.hardening(
                "mesh.sync.push-bad-signature",
                "/sync/push with a bad signature is refused and its packet is not stored",
                SYNC + " step 3; " + SIGNING,
                this::syncPushBadSignature));
        checks.add(Check.hardening(
                "mesh.sync.servers-unsigned-entry",
                "a server entry whose signature does not verify, posted to /sync/servers, is not learned",
                "docs/mesh.md \"Server entries\"",
                this::syncServersUnsignedEntry));
        return checks;
    }

    // ---- discovery -----------------------------------------------------------------------------

    private void version() {
        Answer answer = get("/version");
        require(answer.status() == 200, "GET /version answered " + answer.describe());
        JsonNode json = object(answer, "GET /version");
        JsonNode profiles = json.get("profiles");
        require(profiles != null && profiles.isArray(), "GET /version has no profiles array");
        boolean j2 = false;
        for (JsonNode profile : profiles) {
            require(profile.isTextual(), "GET /version lists a profile that is not a string: " + profile);
            j2 |= profile.asText().equals("j2");
        }
        require(j2, "GET /version does not list j2 among its profiles: " + profiles);
        JsonNode origin = json.get("origin");
        require(origin != null && origin.isTextual(), "GET /version has no origin string");
        require(
                MeshOrigin.normalize(origin.asText()).equals(Optional.of(origin.asText())),
                "GET /version's origin `" + origin.asText() + "` is not a canonical http(s) origin");
        JsonNode key = json.get("key");
        require(key != null && key.isTextual(), "GET /version has no key string");
        try {
            MeshCrypto.publicKey(key.asText(), 4096, 4096);
        } catch (MeshWireException e) {
            throw fail("GET /version's key is not base64 SPKI of an RSA-4096 key");
        }
        audience = target.audience().orElse(origin.asText());
    }

    private void status() {
        Answer answer = get("/status");
        require(answer.status() == 200, "GET /status answered " + answer.describe());
        JsonNode json = object(answer, "GET /status");
        for (String member : List.of("load", "packets")) {
            JsonNode value = json.get(member);
            require(
                    value != null && value.isIntegralNumber() && value.asLong() >= 0,
                    "GET /status's " + member + " is not a non-negative integer: " + answer.describe());
        }
    }

    private void unknownPath() {
        for (String method : List.of("GET", "POST")) {
            Answer answer = call(
                    method,
                    "/conformance-no-such-endpoint",
                    method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null);
            require(
                    answer.status() == 404,
                    method + " /conformance-no-such-endpoint answered " + answer.describe() + ", expected HTTP 404");
        }
    }

    private void wrongMethod() {
        Answer getSend = get("/send");
        require(getSend.status() == 405, "GET /send answered " + getSend.describe() + ", expected HTTP 405");
        require(
                getSend.allow() != null && getSend.allow().contains("POST"),
                "the 405 for GET /send has no Allow header naming POST (Allow: " + getSend.allow() + ")");
        Answer postStatus = post("/status", "{}");
        require(postStatus.status() == 405, "POST /status answered " + postStatus.describe() + ", expected HTTP 405");
        require(
                postStatus.allow() != null && postStatus.allow().contains("GET"),
                "the 405 for POST /status has no Allow header naming GET (Allow: " + postStatus.allow() + ")");
    }

    // ---- sending and fetching --------------------------------------------------------------------

    private void sendAccept() throws MeshException {
        SealedMessage sealed = seal("conformance: the first packet");
        Answer answer = send(sealed.packet());
        expectHash(answer, sealed.packet(), "POST /send of a valid packet");
        first = sealed;
    }

    private void sendRepeat() {
        MeshPacket packet = first().packet();
        expectHash(send(packet), packet, "POST /send of the same packet again");
    }

    private void fetchByRecipient() throws MeshException {
        MeshPacket packet = first().packet();
        Answer answer = post("/fetch/by_recipient", recipient.fetchByRecipientRequest(audience()));
        List<MeshPacket> packets = packets(answer, "the recipient's /fetch/by_recipient");
        require(
                object(answer, "/fetch/by_recipient").path("more").isBoolean(),
                "the /fetch/by_recipient answer has no boolean `more`");
        MeshPacket fetched = packets.stream()
                .filter(p -> p.hash().equals(packet.hash()))
                .findFirst()
                .orElseThrow(() -> fail("the recipient's /fetch/by_recipient does not return the packet it accepted"));
        require(fetched.equals(packet), "/fetch/by_recipient returned the packet changed");
        var opened = recipient.openFetchReply(answer.status(), answer.text().getBytes(StandardCharsets.UTF_8));
        require(
                opened.messages().stream()
                        .anyMatch(m ->
                                m.message().content().equals(first().message().content())),
                "the fetched packet does not open to the message sent");
    }

    private void fetchByHash() {
        MeshPacket packet = first().packet();
        List<MeshPacket> packets = fetchByHash(recipient, packet.hash());
        require(
                packets.equals(List.of(packet)),
                "the recipient's /fetch/by_hash for the packet returned " + packets.size()
                        + " packet(s), not exactly the packet sent");
    }

    private void fetchByHashOtherSigner() {
        MeshPacket packet = first().packet();
        Answer answer = post("/fetch/by_hash", other.fetchByHashRequest(audience(), List.of(packet.hash())));
        if (answer.status() == 200) {
            require(
                    packets(answer, "/fetch/by_hash").stream()
                            .noneMatch(p -> p.hash().equals(packet.hash())),
                    "/fetch/by_hash signed by another client returned the recipient's packet");
        }
    }

    // ---- refusals of /send ----------------------------------------------------------------------

    private void malformedEverywhere() {
        for (String path : List.of(
                "/send",
                "/fetch/by_recipient",
                "/fetch/by_hash",
                "/discard",
                "/sync/hashes",
                "/sync/push",
                "/sync/servers")) {
            expectError(
                    post(path, "{\"conformance\": not json"),
                    "POST " + path + " with a body that is not JSON",
                    400,
                    "malformed");
        }
    }

    private void sendMalformed() throws MeshException {
        MeshPacket packet = seal("conformance: malformed").packet();
        ObjectNode numberHash = packetJson(packet);
        numberHash.put("hash", 12345);
        expectError(post("/send", numberHash.toString()), "/send with a numeric hash", 400, "malformed");
        ObjectNode missing = packetJson(packet);
        missing.remove("signature");
        expectError(post("/send", missing.toString()), "/send without signature", 400, "malformed");
        String duplicate = packetJson(packet)
                .toString()
                .replaceFirst("\\{", "{\"hash\":\"" + packet.hash().hex() + "\",");
        expectError(post("/send", duplicate), "/send with a duplicate hash member", 400, "malformed");
    }

    private void hashMismatch() throws MeshException {
        MeshPacket packet = seal("conformance: wrong hash").packet();
        PacketHash wrong = new PacketHash(randomHex(32));
        MeshPacket forged = new MeshPacket(packet.recipient(), packet.message(), packet.signature(), wrong);
        Answer answer = send(forged);
        require(
                answer.status() != 200,
                "/send accepted a packet whose hash does not match its fields (the client's hash was trusted): "
                        + answer.describe());
        expectError(answer, "/send with a hash that does not match", 400, "hash_mismatch");
        require(
                heldFor(recipient).stream().noneMatch(p -> p.message().equals(packet.message())),
                "the refused packet with a wrong hash was stored anyway");
    }

    private void badKey() throws MeshException {
        MeshPacket packet = seal("conformance: bad key").packet();
        // The recipient's key with its last base64 quantum replaced: the DER no longer reads as that key.
        String mangled = packet.recipient().substring(0, packet.recipient().length() - 4) + "AAAA";
        for (String recipientText : List.of(mangled, Encodings.base64("not a key".getBytes(StandardCharsets.UTF_8)))) {
            MeshPacket forged = new MeshPacket(
                    recipientText,
                    packet.message(),
                    packet.signature(),
                    MeshCrypto.packetHash(recipientText, packet.message(), packet.signature()));
            expectError(
                    send(forged),
                    "/send to a recipient that is not an RSA-4096 SPKI key (hash recomputed)",
                    400,
                    "bad_key");
        }
    }

    private void badEnvelope() throws MeshException {
        MeshPacket packet = seal("conformance: bad envelope").packet();
        byte[] envelope = Encodings.fromBase64(packet.message());
        byte[] versionTwo = envelope.clone();
        versionTwo[0] = 2;
        expectError(
                send(withMessage(packet, Encodings.base64(versionTwo))),
                "/send with a version-2 message envelope (hash recomputed)",
                400,
                "bad_envelope");
        byte[] truncated = java.util.Arrays.copyOf(envelope, 20);
        expectError(
                send(withMessage(packet, Encodings.base64(truncated))),
                "/send with a 20-byte message envelope (hash recomputed)",
                400,
                "bad_envelope");
    }

    private void sendStale() throws MeshException {
        MeshPacket packet = staleOther
                .seal(recipient.publicKey(), MessageType.MESSAGE, other.newChannelId(), "conformance: stale")
                .packet();
        expectError(send(packet), "/send of a packet created 10 minutes ago", 400, "stale");
    }

    private void tooLarge() {
        String body = "{\"recipient\":\"" + recipient.publicKey() + "\",\"message\":\"" + "A".repeat(70_000)
                + "\",\"signature\":\"AAAA\",\"hash\":\"" + "0".repeat(64) + "\"}";
        // A server may answer before reading the body and close the connection: use it only once.
        Answer answer = call("POST", "/send", body.getBytes(StandardCharsets.UTF_8), true);
        expectError(answer, "/send with a body of " + body.length() + " bytes", 413, "too_large");
    }

    private void noReplace() throws MeshException {
        MeshPacket original = first().packet();
        // Other content for the same recipient, and the same trick re-addressed to the other key.
        MeshPacket otherContent = seal("conformance: a replacement").packet();
        MeshPacket readdressed = other.seal(
                        other.publicKey(), MessageType.MESSAGE, other.newChannelId(), "conformance: re-addressed")
                .packet();
        Answer replace = send(underHash(otherContent, original.hash()));
        Answer readdress = send(underHash(readdressed, original.hash()));
        List<MeshPacket> held = fetchByHash(recipient, original.hash());
        require(!held.isEmpty(), "after a second /send under its hash the first packet is gone");
        require(
                held.getFirst().equals(original),
                "a second /send under the same hash replaced the first packet: it now has other content or another recipient");
        require(
                heldFor(other).stream().noneMatch(p -> p.hash().equals(original.hash())),
                "a second /send under the same hash re-addressed the first packet to another recipient");
        expectError(replace, "a second /send under the same hash with other content", 400, "hash_mismatch");
        expectError(readdress, "a second /send under the same hash to another recipient", 400, "hash_mismatch");
    }

    // ---- signed requests ------------------------------------------------------------------------

    private void replayedNonce() {
        byte[] request = recipient.fetchByRecipientRequest(audience());
        Answer firstUse = post("/fetch/by_recipient", request);
        require(firstUse.status() == 200, "a fresh signed fetch answered " + firstUse.describe());
        Answer replay = post("/fetch/by_recipient", request);
        require(
                replay.status() != 200,
                "the same signed fetch (same nonce) was answered again: the nonce is not single-use");
        expectError(replay, "a signed fetch with a used nonce", 401, "replayed");
    }

    private void wrongAudience() {
        String elsewhere = "https://conformance-" + randomHex(4) + ".invalid";
        expectError(
                post("/fetch/by_recipient", recipient.fetchByRecipientRequest(elsewhere)),
                "a fetch signed for " + elsewhere,
                401,
                "wrong_audience");
    }

    private void fetchStale() {
        audience();
        expectError(
                post("/fetch/by_recipient", staleRecipient.fetchByRecipientRequest(audience())),
                "a fetch signed 10 minutes ago",
                400,
                "stale");
    }

    private void fetchBadSignature() throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(other.fetchByRecipientRequest(audience()));
        request.put("recipient", recipient.publicKey());
        Answer answer = post("/fetch/by_recipient", request.toString());
        if (answer.status() == 200) {
            int count =
                    answer.json() == null ? 0 : answer.json().path("messages").size();
            throw fail("a fetch naming the recipient but signed by another key was answered with the recipient's "
                    + count + " packet(s)");
        }
        expectError(answer, "a fetch naming the recipient, signed by another key", 401, "bad_signature");
    }

    // ---- discard ----------------------------------------------------------------------------------

    private void discardOtherSigner() {
        MeshPacket packet = first().packet();
        Answer answer = post("/discard", other.discardRequest(audience(), List.of(packet.hash())));
        require(
                !fetchByHash(recipient, packet.hash()).isEmpty(),
                "a discard signed by another client than the recipient erased the recipient's packet");
        if (answer.status() == 200) {
            JsonNode count = object(answer, "/discard").get("discarded");
            require(
                    count != null && count.isIntegralNumber() && count.asLong() == 0,
                    "a discard by another client answered " + answer.describe() + ", expected {\"discarded\": 0}");
        }
        Answer again = send(packet);
        require(
                again.status() == 200,
                "after a discard by another client the packet is buried (its /send answered " + again.describe() + ")");
    }

    private void discardWrongPurpose() {
        MeshPacket packet = first().packet();
        Answer answer = post("/discard", recipient.fetchByHashRequest(audience(), List.of(packet.hash())));
        require(
                !fetchByHash(recipient, packet.hash()).isEmpty(),
                "a fetch_by_hash signature posted to /discard erased the packet: the purpose is not signed");
        expectError(answer, "a fetch_by_hash request posted to /discard", 401, "bad_signature");
    }

    private void discardRecipient() {
        MeshPacket packet = first().packet();
        Answer answer = post("/discard", recipient.discardRequest(audience(), List.of(packet.hash())));
        require(answer.status() == 200, "the recipient's discard answered " + answer.describe());
        JsonNode count = object(answer, "/discard").get("discarded");
        require(
                count != null && count.isIntegralNumber() && count.asLong() == 1,
                "the recipient's discard of its one packet answered " + answer.describe()
                        + ", expected {\"discarded\": 1}");
        discarded = true;
        require(
                heldFor(recipient).stream().noneMatch(p -> p.hash().equals(packet.hash())),
                "after the recipient's discard /fetch/by_recipient still returns the packet");
        require(
                fetchByHash(recipient, packet.hash()).isEmpty(),
                "after the recipient's discard /fetch/by_hash still returns the packet");
    }

    private void noResurrection() {
        if (!discarded) {
            throw skip("the packet was not discarded (mesh.discard.recipient)");
        }
        MeshPacket packet = first().packet();
        Answer answer = send(packet);
        require(
                heldFor(recipient).stream().noneMatch(p -> p.hash().equals(packet.hash())),
                "the discarded packet, sent again, is fetched again: it came back");
        expectError(answer, "/send of a discarded packet", 410, "gone");
    }

    // ---- server-to-server endpoints ----------------------------------------------------------------

    private void syncHashesBadSignature() {
        String url = strangerUrl();
        SignedRequest auth = signed(RequestPurpose.SYNC_HASHES, otherKeys, recipientKeys, List.of());
        byte[] body = MeshJson.encodeSyncHashes(
                new SyncHashesRequest(entry(url, otherKeys, otherKeys), auth, Optional.empty(), List.of(), true));
        expectError(
                post("/sync/hashes", body), "/sync/hashes signed by another key than it names", 401, "bad_signature");
    }

    private void syncHashesEntryMismatch() {
        String url = strangerUrl();
        SignedRequest auth = signed(RequestPurpose.SYNC_HASHES, recipientKeys, recipientKeys, List.of());
        byte[] body = MeshJson.encodeSyncHashes(
                new SyncHashesRequest(entry(url, otherKeys, otherKeys), auth, Optional.empty(), List.of(), true));
        expectError(
                post("/sync/hashes", body),
                "/sync/hashes whose signer is not the key of its server entry",
                403,
                "unknown_peer");
    }

    private void syncPushBadSignature() throws MeshException {
        MeshPacket packet = seal("conformance: pushed").packet();
        String url = strangerUrl();
        SignedRequest auth = signed(RequestPurpose.SYNC_PUSH, otherKeys, recipientKeys, List.of(packet.hash()));
        byte[] body = MeshJson.encodeSyncPush(
                new SyncPushRequest(entry(url, otherKeys, otherKeys), auth, List.of(packet), List.of()));
        Answer answer = post("/sync/push", body);
        require(
                fetchByHash(recipient, packet.hash()).isEmpty(),
                "a packet pushed with a bad signature was stored: /sync/push does not verify its caller");
        expectError(answer, "/sync/push signed by another key than it names", 401, "bad_signature");
    }

    private void syncServersUnsignedEntry() {
        String url = strangerUrl();
        ServerEntry forged = entry(url, otherKeys, recipientKeys);
        Answer answer = post("/sync/servers", MeshJson.encodeServerList(List.of(forged)));
        require(answer.status() < 500, "/sync/servers answered " + answer.describe());
        for (String path : List.of("/servers", "/peers")) {
            Answer list = get(path);
            require(
                    !list.text().contains(url),
                    "GET " + path + " lists " + url + ", learned from an entry whose signature does not verify");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private SealedMessage first() {
        if (first == null) {
            throw skip("no packet was accepted (mesh.send.accept)");
        }
        return first;
    }

    private String audience() {
        if (audience == null) {
            audience = target.audience()
                    .orElseThrow(() -> skip("no audience: GET /version did not name the origin (mesh.version.shape)"));
        }
        return audience;
    }

    private SealedMessage seal(String content) throws MeshException {
        return other.seal(recipient.publicKey(), MessageType.MESSAGE, other.newChannelId(), content);
    }

    private Answer send(MeshPacket packet) {
        return post("/send", MeshJson.encodePacket(packet));
    }

    private static MeshPacket withMessage(MeshPacket packet, String message) {
        return new MeshPacket(
                packet.recipient(),
                message,
                packet.signature(),
                MeshCrypto.packetHash(packet.recipient(), message, packet.signature()));
    }

    private static MeshPacket underHash(MeshPacket packet, PacketHash hash) {
        return new MeshPacket(packet.recipient(), packet.message(), packet.signature(), hash);
    }

    private static ObjectNode packetJson(MeshPacket packet) {
        try {
            return (ObjectNode) JSON.readTree(MeshJson.encodePacket(packet));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void expectHash(Answer answer, MeshPacket packet, String what) {
        require(answer.status() == 200, what + " answered " + answer.describe());
        JsonNode hash = object(answer, what).get("hash");
        require(
                hash != null
                        && hash.isTextual()
                        && hash.asText().equals(packet.hash().hex()),
                what + " answered " + answer.describe() + ", expected {\"hash\": \""
                        + packet.hash().hex() + "\"}");
    }

    /** The packets a fetch answer holds; fails unless it is HTTP 200 with the documented shape. */
    private static List<MeshPacket> packets(Answer answer, String what) {
        require(answer.status() == 200, what + " answered " + answer.describe());
        try {
            return MeshJson.decodeFetchReply(answer.text().getBytes(StandardCharsets.UTF_8), MAX_ANSWER_BYTES)
                    .messages();
        } catch (MeshWireException e) {
            throw fail(what + " is not {\"messages\": [packet...], \"more\": bool}: " + e.getMessage());
        }
    }

    private List<MeshPacket> heldFor(MeshClient client) {
        return packets(post("/fetch/by_recipient", client.fetchByRecipientRequest(audience())), "/fetch/by_recipient");
    }

    private List<MeshPacket> fetchByHash(MeshClient client, PacketHash hash) {
        return packets(post("/fetch/by_hash", client.fetchByHashRequest(audience(), List.of(hash))), "/fetch/by_hash");
    }

    /** A request of {@code purpose} naming {@code named}'s key, signed with {@code signer}'s. */
    private SignedRequest signed(RequestPurpose purpose, RsaKeyPair named, RsaKeyPair signer, List<PacketHash> hashes) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        String nonce = randomHex(16);
        SignedRequest unsigned =
                new SignedRequest(purpose, audience(), MeshCrypto.encodeKey(named.publicKey()), now, nonce, hashes, "");
        byte[] signature = RsaPss.sign(signer.privateKey(), MeshCrypto.requestSigningString(unsigned));
        return new SignedRequest(
                purpose, audience(), unsigned.signer(), now, nonce, hashes, Encodings.base64(signature));
    }

    /** A server entry for {@code url} naming {@code named}'s key, signed with {@code signer}'s. */
    private static ServerEntry entry(String url, RsaKeyPair named, RsaKeyPair signer) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        String key = MeshCrypto.encodeKey(named.publicKey());
        byte[] signature = RsaPss.sign(signer.privateKey(), MeshCrypto.serverEntrySigningString(url, key, now));
        return new ServerEntry(url, key, now, Encodings.base64(signature));
    }

    /** An origin nobody serves, so nothing the target might learn from a check can reach anyone. */
    private String strangerUrl() {
        return "https://conformance-" + randomHex(6) + ".invalid";
    }

    private void expectError(Answer answer, String what, int status, String code) {
        if (answer.status() == 200) {
            throw fail(what + " was accepted: " + answer.describe() + "; expected HTTP " + status + " " + code);
        }
        require(
                answer.status() == status && code.equals(answer.error()),
                what + " was answered " + answer.describe() + ", expected HTTP " + status + " {\"error\":\"" + code
                        + "\"}");
    }

    private static JsonNode object(Answer answer, String what) {
        require(answer.json() != null, what + " did not answer a JSON object: " + answer.describe());
        return answer.json();
    }

    private Answer get(String path) {
        return call("GET", path, (byte[]) null);
    }

    private Answer post(String path, String body) {
        return call("POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    private Answer post(String path, byte[] body) {
        return call("POST", path, body);
    }

    private Answer call(String method, String path, byte[] body) {
        return call(method, path, body, false);
    }

    private Answer call(String method, String path, byte[] body, boolean closeAfter) {
        Request.Builder builder = new Request.Builder()
                .url(target.resolve(path).toString())
                .method(method, body == null ? null : RequestBody.create(body, JSON_TYPE));
        if (closeAfter) {
            builder.header("Connection", "close");
        }
        Request request = builder.build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody responseBody = response.body();
            byte[] bytes;
            try (InputStream in = responseBody.byteStream()) {
                bytes = BoundedBodies.readAll(in, MAX_ANSWER_BYTES);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            return new Answer(response.code(), text, parse(text), response.header("Allow"));
        } catch (IOException e) {
            throw fail(method + " " + path + " gave no HTTP answer: " + e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
