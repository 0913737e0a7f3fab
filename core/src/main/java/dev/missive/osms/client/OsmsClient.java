package dev.missive.osms.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.otr.OtrConversation;
import dev.missive.crypto.otr.OtrEngine;
import dev.missive.crypto.otr.OtrEngineException;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.crypto.otr.OtrReceived;
import dev.missive.crypto.otr.OtrStatus;
import dev.missive.event.EventListener;
import dev.missive.osms.OsmsEvent;
import dev.missive.osms.model.OsmsError;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.OsmsHttpRequest;
import dev.missive.osms.spi.OsmsHttpResponse;
import dev.missive.osms.spi.OsmsTransport;
import dev.missive.osms.spi.PinRecord;
import dev.missive.osms.spi.PinStore;
import dev.missive.osms.wire.MediaTypes;
import dev.missive.osms.wire.OtrMessages;
import dev.missive.osms.wire.UserDocuments;
import dev.missive.spi.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OSMS client engine for one user on one server. It does no I/O of its own: every HTTP exchange
 * goes through the host's {@link OsmsTransport}. Not thread-safe: one user, one caller at a time.
 *
 * <p>Trust: the server key must equal the fingerprint the user gave, or else is pinned on first
 * use (with a {@link OsmsEvent.ServerKeyTrustedOnFirstUse} warning), and is checked against the key
 * the login AKE proves. Users' keys are pinned on first sight; a change is a
 * {@link OsmsEvent.KeyChanged} security event and conversations with that user are refused until
 * {@link #trustCurrentKey} re-pins. A conversation's OTR key must equal the peer's directory key.
 *
 * <p>Conversations with other users are OTR conversations relayed through the server; OTR needs
 * both sides active: {@link #send} starts the AKE and later {@link #poll()} calls (of both users)
 * complete it. otr4j cannot persist a conversation, so conversations live as long as this object.
 */
public final class OsmsClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OsmsTransport transport;
    private final Clock clock;
    private final OtrEngine otr;
    private final OtrKeyPair key;
    private final PinStore pins;
    private final String server;
    private final Optional<String> serverFingerprint;
    private final MediaTypes.Format format;
    private final EventListener events;

    private Login login;
    private final Map<String, Peer> peers = new HashMap<>();
    private List<Long> pendingAcks = new ArrayList<>();

    private OsmsClient(Builder b) {
        this.transport = b.transport;
        this.clock = b.clock;
        this.otr = b.otr;
        this.key = b.key;
        this.pins = b.pins;
        this.server = b.server;
        this.serverFingerprint = b.serverFingerprint;
        this.format = b.json ? MediaTypes.Format.JSON : MediaTypes.Format.GOB;
        this.events = b.events;
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code GET /user/{username}}, with the key checked against (or pinned in) the pin store.
     *
     * @param username the user
     * @return the record and how its key compares with the pin
     * @throws OsmsException the server's error ({@code unknown-user}) or {@code malformed} for a bad document
     * @throws IOException   if the transport fails
     */
    public UserInfo getUser(Username username) throws OsmsException, IOException {
        OsmsHttpResponse response =
                exchange("GET", "/user/" + username.value(), null, Map.of("Accept", format.mediaType()), new byte[0]);
        UserDocuments.UserDocument document = UserDocuments.decodeUser(response.body(), formatOf(response));
        if (!document.username().equals(username)) {
            throw new OsmsException(OsmsError.MALFORMED, "the server answered for another user");
        }
        return new UserInfo(username, document.publicKey(), checkPin(username.value(), document.publicKey()));
    }

    /**
     * Re-pins a user's current directory key after a {@link UserInfo.PinCheck#CHANGED} (the user
     * checked the new fingerprint out of band).
     *
     * @param username the user
     * @return the fingerprint now pinned
     * @throws OsmsException the server's error
     * @throws IOException   if the transport fails
     */
    public String trustCurrentKey(Username username) throws OsmsException, IOException {
        OsmsHttpResponse response =
                exchange("GET", "/user/" + username.value(), null, Map.of("Accept", format.mediaType()), new byte[0]);
        OtrPublicKey current =
                UserDocuments.decodeUser(response.body(), formatOf(response)).publicKey();
        pins.put(new PinRecord(server, username.value(), current.fingerprintHex(), clock.now()));
        return current.fingerprintHex();
    }

    /**
     * {@code GET /pk}, checked against the given fingerprint or the pin (pinned on first use).
     *
     * @return the server's key
     * @throws OsmsSecurityException if the key differs from the fingerprint or pin
     * @throws OsmsException         for a bad document
     * @throws IOException           if the transport fails
     */
    public OtrPublicKey getServerKey() throws OsmsSecurityException, OsmsException, IOException {
        OsmsHttpResponse response = exchange("GET", "/pk", null, Map.of("Accept", format.mediaType()), new byte[0]);
        OtrPublicKey serverKey = UserDocuments.decodeServerKey(response.body(), formatOf(response));
        String fingerprint = serverKey.fingerprintHex();
        if (serverFingerprint.isPresent()) {
            if (!serverFingerprint.get().equals(fingerprint)) {
                events.onProtocolEvent(new OsmsEvent.KeyChanged(
                        clock.now(), server, PinRecord.SERVER, serverFingerprint.get(), fingerprint));
                throw new OsmsSecurityException("the server key " + fingerprint + " is not the given fingerprint");
            }
            return serverKey;
        }
        if (checkPin(PinRecord.SERVER, serverKey) == UserInfo.PinCheck.CHANGED) {
            throw new OsmsSecurityException("the server key changed to " + fingerprint + " since it was pinned");
        }
        return serverKey;
    }

    /**
     * Logs in: {@code GET /pk}, then the OTR AKE over three {@code POST /create_session/{username}}.
     * The key the AKE proves for the server must be the pinned server key.
     *
     * @param username the account (created on first login if the server's registration is open)
     * @throws OsmsSecurityException if the server key does not match
     * @throws OsmsException         the server's refusal ({@code key-mismatch}, {@code registration-closed}, ...)
     * @throws IOException           if the transport fails
     */
    public void login(Username username) throws OsmsSecurityException, OsmsException, IOException {
        Objects.requireNonNull(username, "username");
        OtrPublicKey serverKey = getServerKey();
        String path = "/create_session/" + username.value();
        OtrConversation conversation = otr.open(username.value(), server, key);
        try {
            OsmsHttpResponse commit = exchange("POST", path, null, Map.of(), text(conversation.start()));
            String header = commit.header(SESSION_HEADER)
                    .orElseThrow(() -> new OsmsException(OsmsError.MALFORMED, "no OSMS-Session header"));
            String dhKey = onlyReply(conversation.receive(body(commit)));
            OsmsHttpResponse reveal = exchange("POST", path, header, Map.of(), text(dhKey));
            String signature = onlyReply(conversation.receive(body(reveal)));
            Optional<OtrPublicKey> proven = conversation.remoteKey().map(OtrPublicKey::of);
            if (conversation.status() != OtrStatus.ENCRYPTED || proven.isEmpty()) {
                throw new OsmsException(OsmsError.AKE_FAILED, "the server's AKE did not complete");
            }
            if (!proven.get().equals(serverKey)) {
                events.onProtocolEvent(new OsmsEvent.KeyChanged(
                        clock.now(),
                        server,
                        PinRecord.SERVER,
                        serverKey.fingerprintHex(),
                        proven.get().fingerprintHex()));
                throw new OsmsSecurityException("the server proved a key other than the pinned one");
            }
            exchange("POST", path, header, Map.of(), text(signature));
            this.login = new Login(username, header, conversation);
        } catch (OtrEngineException e) {
            throw new OsmsException(OsmsError.AKE_FAILED, "OTR failed during login");
        } catch (IllegalArgumentException e) {
            throw new OsmsException(OsmsError.KEY_MISMATCH, "the server's OTR key is not DSA-1024/160");
        }
    }

    /**
     * Whether this client is logged in.
     *
     * @return whether a login is active
     */
    public boolean isLoggedIn() {
        return login != null;
    }

    /**
     * The current login's username.
     *
     * @return the logged-in username (it changes with {@link #rename})
     */
    public Optional<Username> username() {
        return Optional.ofNullable(login).map(l -> l.username);
    }

    /**
     * Logs out: acknowledges processed items, then sends TLV 1 to {@code POST /terminate_session}.
     * Does nothing when not logged in.
     *
     * @throws OsmsException the server's error
     * @throws IOException   if the transport fails
     */
    public void logout() throws OsmsException, IOException {
        if (login == null) {
            return;
        }
        if (!pendingAcks.isEmpty()) {
            acknowledge();
        }
        Login current = login;
        login = null;
        try {
            List<String> end = current.conversation.end();
            exchange("POST", "/terminate_session", current.header, Map.of(), text(String.join("\n", end)));
        } catch (OtrEngineException e) {
            throw new OsmsException(OsmsError.INTERNAL, "OTR failed to end the session");
        }
    }

    /**
     * Renames the account (the key stays).
     *
     * @param to the new username
     * @throws OsmsException {@code username-taken} or another server error
     * @throws IOException   if the transport fails
     */
    public void rename(Username to) throws OsmsException, IOException {
        ObjectNode op = op("rename");
        op.put("username", to.value());
        operate(op);
        login = new Login(to, login.header, login.conversation);
    }

    /**
     * Publishes a new key for the account; the next login must prove it.
     *
     * @param newKey the key
     * @throws OsmsException {@code key-in-use} or another server error
     * @throws IOException   if the transport fails
     */
    public void publishKey(OtrPublicKey newKey) throws OsmsException, IOException {
        ObjectNode op = op("setKey");
        op.put("publicKey", Base64.getEncoder().encodeToString(newKey.encode()));
        operate(op);
    }

    /**
     * Consents to data messages from a peer (they must consent too).
     *
     * @param peer the peer
     * @return whether the peer had consented already (the consent is now mutual)
     * @throws OsmsException {@code unknown-user} or another server error
     * @throws IOException   if the transport fails
     */
    public boolean authorize(Username peer) throws OsmsException, IOException {
        ObjectNode op = op("authorize");
        op.put("peer", peer.value());
        return operate(op).path("mutual").asBoolean(false);
    }

    /**
     * Sends a text to a user in an OTR conversation; starts the AKE when no conversation is encrypted.
     *
     * @param to   the peer
     * @param text the text (no NUL characters)
     * @return {@link SendResult#SENT} or {@link SendResult#PENDING} (poll to finish)
     * @throws OsmsSecurityException if the peer's directory key changed since it was pinned
     * @throws OsmsException         {@code consent-required} or another server error
     * @throws IOException           if the transport fails
     */
    public SendResult send(Username to, String text) throws OsmsSecurityException, OsmsException, IOException {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("text must not contain NUL");
        }
        requireLogin();
        Peer peer = peer(to.value());
        if (isEncrypted(peer)) {
            relayAll(to.value(), encrypt(peer, text));
            return SendResult.SENT;
        }
        requireReachable(to);
        peer.outbox.add(text);
        startOnce(to, peer);
        return SendResult.PENDING;
    }

    /**
     * Opens an OTR conversation with a peer without a text (to {@link #verify} it): checks the
     * peer's key pin and the mutual consent, then sends an OTR query unless a conversation is
     * encrypted or already started. Later {@link #poll()} calls (of both users) complete the AKE.
     *
     * @param to the peer
     * @return whether the conversation is encrypted already
     * @throws OsmsSecurityException if the peer's directory key changed since it was pinned
     * @throws OsmsException         {@code consent-required} or another server error
     * @throws IOException           if the transport fails
     */
    public boolean startConversation(Username to) throws OsmsSecurityException, OsmsException, IOException {
        requireLogin();
        Peer peer = peer(to.value());
        if (isEncrypted(peer)) {
            return true;
        }
        requireReachable(to);
        startOnce(to, peer);
        return false;
    }

    /**
     * Whether the conversation with a peer is encrypted and its key checked (texts and
     * {@link #verify} go through at once).
     *
     * @param peer the peer
     * @return whether an encrypted conversation with a checked key exists
     */
    public boolean isEncrypted(Username peer) {
        Peer p = peers.get(peer.value());
        return p != null && isEncrypted(p);
    }

    private static boolean isEncrypted(Peer peer) {
        return peer.conversation.status() == OtrStatus.ENCRYPTED && peer.verified;
    }

    /** A peer can get data messages: its key still matches the pin, and both consented. */
    private void requireReachable(Username to) throws OsmsSecurityException, OsmsException, IOException {
        UserInfo info = getUser(to);
        if (info.pin() == UserInfo.PinCheck.CHANGED) {
            throw new OsmsSecurityException("the key of " + to.value() + " changed since it was pinned");
        }
        if (!consent(to).mutual()) {
            // Fail before the AKE: the server would refuse the data message after it anyway.
            throw new OsmsException(
                    OsmsError.CONSENT_REQUIRED, to.value() + " and this user have not both authorized each other");
        }
    }

    private void startOnce(Username to, Peer peer) throws OsmsException, IOException {
        if (peer.started) {
            return;
        }
        try {
            relay(to.value(), peer.conversation.start());
        } catch (OtrEngineException e) {
            throw new OsmsException(OsmsError.INTERNAL, "OTR could not start");
        }
        peer.started = true;
    }

    /**
     * Whether a peer and this user authorized each other ({@code consent} operation, read-only).
     *
     * @param peer the peer
     * @return both directions of the consent
     * @throws OsmsException {@code unknown-user} or another server error
     * @throws IOException   if the transport fails
     */
    public Consent consent(Username peer) throws OsmsException, IOException {
        ObjectNode op = op("consent");
        op.put("peer", peer.value());
        JsonNode result = operate(op);
        return new Consent(
                result.path("granted").asBoolean(false), result.path("received").asBoolean(false));
    }

    /**
     * The consent between this user and a peer.
     *
     * @param granted  this user authorized the peer
     * @param received the peer authorized this user
     */
    public record Consent(boolean granted, boolean received) {
        /**
         * Whether the consent is mutual.
         *
         * @return whether data messages may flow (both directions granted)
         */
        public boolean mutual() {
            return granted && received;
        }
    }

    /**
     * Whether any peer has texts waiting.
     *
     * @return whether texts wait for an AKE to finish
     */
    public boolean hasPending() {
        return peers.values().stream().anyMatch(p -> !p.outbox.isEmpty());
    }

    /**
     * Whether {@code peer} has texts waiting.
     *
     * @param peer a peer
     * @return whether texts for this peer wait for its AKE
     */
    public boolean hasPending(Username peer) {
        Peer p = peers.get(peer.value());
        return p != null && !p.outbox.isEmpty();
    }

    /**
     * Fetches and processes waiting items: answers AKE steps, decrypts texts, sends texts held for
     * AKEs that completed. The items are acknowledged by the next {@code poll()},
     * {@link #acknowledge()} or {@link #logout()}, so a host can keep the texts before they leave the
     * server.
     *
     * @return what happened
     * @throws OsmsException the server's error
     * @throws IOException   if the transport fails
     */
    public PollResult poll() throws OsmsException, IOException {
        requireLogin();
        ObjectNode op = op("poll");
        pendingAcks.forEach(op.putArray("ack")::add);
        JsonNode result = operate(op);
        pendingAcks = new ArrayList<>();
        List<ReceivedText> texts = new ArrayList<>();
        List<PollResult.Failure> failures = new ArrayList<>();
        Map<String, Boolean> verifications = new LinkedHashMap<>();
        Map<String, String> smpRequests = new LinkedHashMap<>();
        int processed = 0;
        for (JsonNode item : result.path("items")) {
            long id = item.path("id").asLong(-1);
            String from = item.path("from").asText("");
            String message = item.path("message").asText("");
            Instant receivedAt;
            try {
                receivedAt = Instant.parse(item.path("receivedAt").asText(""));
            } catch (DateTimeParseException e) {
                receivedAt = clock.now();
            }
            if (id > 0) {
                pendingAcks.add(id);
            }
            processed++;
            if (!Username.isValid(from)) {
                continue;
            }
            process(Username.of(from), message, receivedAt, texts, failures, verifications, smpRequests);
        }
        return new PollResult(
                texts, processed, result.path("remaining").asInt(0), failures, verifications, smpRequests);
    }

    /**
     * Acknowledges the items of the last poll so the server deletes them.
     *
     * @throws OsmsException the server's error
     * @throws IOException   if the transport fails
     */
    public void acknowledge() throws OsmsException, IOException {
        requireLogin();
        if (pendingAcks.isEmpty()) {
            return;
        }
        ObjectNode op = op("poll");
        pendingAcks.forEach(op.putArray("ack")::add);
        op.put("max", 0);
        operate(op);
        pendingAcks = new ArrayList<>();
    }

    /**
     * Starts an SMP verification with a peer whose conversation is encrypted: both users type the
     * same secret (agreed out of band); the outcome arrives in a later {@link PollResult}.
     *
     * @param peer     the peer
     * @param question a question shown to the peer, or empty
     * @param secret   the shared secret
     * @throws OsmsException {@code wrong-session-state} if no conversation is encrypted, or a server error
     * @throws IOException   if the transport fails
     */
    public void verify(Username peer, String question, String secret) throws OsmsException, IOException {
        requireLogin();
        Peer p = peers.get(peer.value());
        if (p == null || !isEncrypted(p)) {
            throw new OsmsException(OsmsError.WRONG_SESSION_STATE, "no encrypted conversation with " + peer.value());
        }
        try {
            relayAll(peer.value(), p.conversation.startSmp(question, secret));
        } catch (OtrEngineException e) {
            throw new OsmsException(OsmsError.WRONG_SESSION_STATE, "SMP could not start");
        }
    }

    /**
     * Answers a peer's SMP request (see {@link PollResult#smpRequests()}).
     *
     * @param peer   the peer
     * @param secret the shared secret
     * @throws OsmsException {@code wrong-session-state} if the peer asked nothing, or a server error
     * @throws IOException   if the transport fails
     */
    public void answerVerification(Username peer, String secret) throws OsmsException, IOException {
        requireLogin();
        Peer p = peers.get(peer.value());
        if (p == null) {
            throw new OsmsException(OsmsError.WRONG_SESSION_STATE, "no conversation with " + peer.value());
        }
        try {
            relayAll(peer.value(), p.conversation.answerSmp(secret));
        } catch (OtrEngineException e) {
            throw new OsmsException(OsmsError.WRONG_SESSION_STATE, "no SMP request to answer");
        }
    }

    private void process(
            Username from,
            String message,
            Instant receivedAt,
            List<ReceivedText> texts,
            List<PollResult.Failure> failures,
            Map<String, Boolean> verifications,
            Map<String, String> smpRequests)
            throws IOException {
        Peer peer = peer(from.value());
        boolean wasEncrypted = peer.conversation.status() == OtrStatus.ENCRYPTED;
        OtrReceived received;
        try {
            received = peer.conversation.receive(message);
        } catch (OtrEngineException e) {
            failures.add(new PollResult.Failure(from.value(), OsmsError.MALFORMED, "unreadable OTR message"));
            return;
        }
        OtrStatus status = peer.conversation.status();
        if (status == OtrStatus.ENCRYPTED && (!wasEncrypted || !peer.verified)) {
            Optional<String> problem = checkPeerKey(from, peer);
            if (problem.isPresent()) {
                failures.add(new PollResult.Failure(from.value(), OsmsError.KEY_MISMATCH, problem.get()));
                peers.remove(from.value());
                return;
            }
            peer.verified = true;
            events.onProtocolEvent(
                    new OsmsEvent.ConversationEncrypted(clock.now(), from.value(), peer.conversation.version()));
        }
        try {
            relayAll(from.value(), received.replies());
            if (status == OtrStatus.ENCRYPTED && peer.verified) {
                while (!peer.outbox.isEmpty()) {
                    relayAll(from.value(), encrypt(peer, peer.outbox.peek()));
                    peer.outbox.poll();
                }
            }
        } catch (OsmsException e) {
            failures.add(new PollResult.Failure(from.value(), e.error(), "the server refused a relay"));
            peer.outbox.clear();
        }
        if (status == OtrStatus.ENCRYPTED && peer.verified) {
            received.plaintext().ifPresent(t -> texts.add(new ReceivedText(from.value(), t, receivedAt)));
            received.smp().ifPresent(outcome -> {
                boolean ok = outcome == OtrReceived.SmpOutcome.VERIFIED;
                verifications.put(from.value(), ok);
                events.onProtocolEvent(new OsmsEvent.PeerVerified(clock.now(), from.value(), ok));
            });
            received.smpQuestion().ifPresent(q -> smpRequests.put(from.value(), q));
        }
        if (status == OtrStatus.FINISHED) {
            peers.remove(from.value());
        }
    }

    /** The peer's OTR key must be its directory key, and that must match the pin. */
    private Optional<String> checkPeerKey(Username from, Peer peer) throws IOException {
        Optional<OtrPublicKey> proven;
        try {
            proven = peer.conversation.remoteKey().map(OtrPublicKey::of);
        } catch (IllegalArgumentException e) {
            return Optional.of("the peer's OTR key is not DSA-1024/160");
        }
        if (proven.isEmpty()) {
            return Optional.of("no key proven");
        }
        UserInfo info;
        try {
            info = getUser(from);
        } catch (OsmsException e) {
            return Optional.of("the peer is not in the directory");
        }
        if (info.pin() == UserInfo.PinCheck.CHANGED) {
            return Optional.of("the peer's directory key changed since it was pinned");
        }
        if (!info.publicKey().equals(proven.get())) {
            events.onProtocolEvent(new OsmsEvent.KeyChanged(
                    clock.now(),
                    server,
                    from.value(),
                    info.publicKey().fingerprintHex(),
                    proven.get().fingerprintHex()));
            return Optional.of("the peer proved a key other than its directory key");
        }
        return Optional.empty();
    }

    private UserInfo.PinCheck checkPin(String subject, OtrPublicKey key) {
        String fingerprint = key.fingerprintHex();
        Optional<PinRecord> pin = pins.find(server, subject);
        Instant now = clock.now();
        if (pin.isEmpty()) {
            pins.put(new PinRecord(server, subject, fingerprint, now));
            events.onProtocolEvent(
                    subject.equals(PinRecord.SERVER)
                            ? new OsmsEvent.ServerKeyTrustedOnFirstUse(now, server, fingerprint)
                            : new OsmsEvent.UserKeyPinned(now, server, subject, fingerprint));
            return UserInfo.PinCheck.PINNED_NOW;
        }
        if (pin.get().fingerprintHex().equals(fingerprint)) {
            return UserInfo.PinCheck.MATCHES;
        }
        events.onProtocolEvent(
                new OsmsEvent.KeyChanged(now, server, subject, pin.get().fingerprintHex(), fingerprint));
        return UserInfo.PinCheck.CHANGED;
    }

    private List<String> encrypt(Peer peer, String text) throws OsmsException {
        try {
            return peer.conversation.send(text);
        } catch (OtrEngineException e) {
            throw new OsmsException(OsmsError.WRONG_SESSION_STATE, "the conversation is not encrypted");
        }
    }

    private void relayAll(String to, List<String> messages) throws OsmsException, IOException {
        for (String message : messages) {
            relay(to, message);
        }
    }

    private void relay(String to, String message) throws OsmsException, IOException {
        ObjectNode op = op("send");
        op.put("to", to);
        op.put("message", message);
        operate(op);
    }

    private Peer peer(String username) {
        return peers.computeIfAbsent(username, u -> new Peer(otr.open(login.username.value(), u, key)));
    }

    private JsonNode operate(ObjectNode op) throws OsmsException, IOException {
        requireLogin();
        OtrConversation conversation = login.conversation;
        String request;
        try {
            request = String.join("\n", conversation.send(op.toString()));
        } catch (OtrEngineException e) {
            throw new OsmsException(OsmsError.UNKNOWN_SESSION, "the login session is not encrypted");
        }
        OsmsHttpResponse response = exchange("POST", "/session", login.header, Map.of(), text(request));
        OtrReceived received;
        try {
            received = conversation.receive(body(response));
        } catch (OtrEngineException e) {
            throw new OsmsException(OsmsError.MALFORMED, "unreadable reply");
        }
        if (received.plaintext().isEmpty()) {
            throw new OsmsException(OsmsError.MALFORMED, "the reply was not an encrypted result");
        }
        JsonNode result;
        try {
            result = JSON.readTree(received.plaintext().get());
        } catch (IOException e) {
            throw new OsmsException(OsmsError.MALFORMED, "the result is not JSON");
        }
        if (result == null || !result.path("ok").asBoolean(false)) {
            String code = result == null ? "" : result.path("error").asText("");
            throw new OsmsException(OsmsError.fromCode(code), op.path("op").asText() + " refused");
        }
        return result;
    }

    private static ObjectNode op(String name) {
        ObjectNode op = JSON.createObjectNode();
        op.put("op", name);
        return op;
    }

    private void requireLogin() throws OsmsException {
        if (login == null) {
            throw new OsmsException(OsmsError.UNKNOWN_SESSION, "not logged in");
        }
    }

    /** One request; a non-200 answer becomes the {@link OsmsException} its OSMS-Error header names. */
    private OsmsHttpResponse exchange(
            String method, String path, String sessionHeader, Map<String, String> headers, byte[] body)
            throws OsmsException, IOException {
        Map<String, String> all = new HashMap<>(headers);
        if (method.equals("POST")) {
            all.put("Content-Type", MediaTypes.TEXT);
        }
        if (sessionHeader != null) {
            all.put(SESSION_HEADER, sessionHeader);
        }
        OsmsHttpResponse response = transport.exchange(new OsmsHttpRequest(method, path, all, body));
        if (response.status() != 200) {
            OsmsError error =
                    response.header("OSMS-Error").map(OsmsError::fromCode).orElse(OsmsError.INTERNAL);
            if (error == OsmsError.UNKNOWN_SESSION
                    && login != null
                    && sessionHeader != null
                    && sessionHeader.equals(login.header)) {
                login = null;
            }
            throw new OsmsException(
                    error, method + " " + path.replaceAll("/[^/]*$", "/…") + " answered " + response.status());
        }
        return response;
    }

    private MediaTypes.Format formatOf(OsmsHttpResponse response) throws OsmsException {
        return MediaTypes.fromContentType(response.header("Content-Type").orElse(null))
                .orElseThrow(() ->
                        new OsmsException(OsmsError.MALFORMED, "the document's content type is neither Gob nor JSON"));
    }

    private static String onlyReply(OtrReceived received) throws OsmsException {
        if (!received.errors().isEmpty() || received.replies().size() != 1) {
            throw new OsmsException(OsmsError.AKE_FAILED, "the server's AKE message was not accepted");
        }
        return received.replies().get(0);
    }

    private static String body(OsmsHttpResponse response) throws OsmsException {
        String text = OtrMessages.strictAscii(response.body());
        if (text == null || !OtrMessages.isOtr(text.strip())) {
            throw new OsmsException(OsmsError.MALFORMED, "the server's body is not an OTR message");
        }
        return text.strip();
    }

    private static byte[] text(String message) {
        return message.getBytes(StandardCharsets.US_ASCII);
    }

    /** The {@code OSMS-Session} header name. */
    public static final String SESSION_HEADER = "OSMS-Session";

    private record Login(Username username, String header, OtrConversation conversation) {}

    private static final class Peer {
        final OtrConversation conversation;
        final ArrayDeque<String> outbox = new ArrayDeque<>();
        boolean started;
        boolean verified;

        Peer(OtrConversation conversation) {
            this.conversation = conversation;
        }
    }

    /** Builds an {@link OsmsClient}. */
    public static final class Builder {
        private OsmsTransport transport;
        private Clock clock;
        private OtrEngine otr;
        private OtrKeyPair key;
        private PinStore pins;
        private String server;
        private Optional<String> serverFingerprint = Optional.empty();
        private boolean json;
        private EventListener events = EventListener.NONE;

        private Builder() {}

        /**
         * Sets the transport.
         *
         * @param value how to reach the server (required)
         *
         * @return this builder
         */
        public Builder transport(OsmsTransport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param value the time for pins (required)
         *
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the OTR engine.
         *
         * @param value the OTR implementation (required)
         *
         * @return this builder
         */
        public Builder otr(OtrEngine value) {
            this.otr = Objects.requireNonNull(value, "otr");
            return this;
        }

        /**
         * Sets the user's OTR key pair.
         *
         * @param value the user's OTR key (required)
         *
         * @return this builder
         */
        public Builder key(OtrKeyPair value) {
            this.key = Objects.requireNonNull(value, "key");
            return this;
        }

        /**
         * Sets the pin store.
         *
         * @param value the trust-on-first-use pins (required)
         *
         * @return this builder
         */
        public Builder pinStore(PinStore value) {
            this.pins = Objects.requireNonNull(value, "pinStore");
            return this;
        }

        /**
         * Sets the name pins use for the server.
         *
         * @param value how pins name this server (e.g. its base URL or onion name; required)
         * @return this builder
         */
        public Builder server(String value) {
            this.server = Objects.requireNonNull(value, "server");
            return this;
        }

        /**
         * Pins the server's key fingerprint in advance.
         *
         * @param value the server's fingerprint as {@code osms-server} prints it (hex, spaces or
         *              colons allowed); without it the key is trusted on first use
         * @return this builder
         * @throws IllegalArgumentException if it is not 40 hex characters
         */
        public Builder serverFingerprint(String value) {
            this.serverFingerprint = Optional.of(OtrPublicKey.normalizeFingerprint(value));
            return this;
        }

        /**
         * Chooses JSON or Gob documents.
         *
         * @param value ask for JSON documents instead of Gob (default false)
         *
         * @return this builder
         */
        public Builder preferJson(boolean value) {
            this.json = value;
            return this;
        }

        /**
         * Sets the event listener.
         *
         * @param value receives {@link OsmsEvent}s (default none)
         *
         * @return this builder
         */
        public Builder eventListener(EventListener value) {
            this.events = EventListener.contained(Objects.requireNonNull(value, "eventListener"));
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NullPointerException naming each missing required part
         */
        public OsmsClient build() {
            StringBuilder missing = new StringBuilder();
            if (transport == null) missing.append(" transport");
            if (clock == null) missing.append(" clock");
            if (otr == null) missing.append(" otr");
            if (key == null) missing.append(" key");
            if (pins == null) missing.append(" pinStore");
            if (server == null) missing.append(" server");
            if (!missing.isEmpty()) {
                throw new NullPointerException("missing:" + missing);
            }
            return new OsmsClient(this);
        }
    }
}
