package dev.missive.osms;

import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.otr.OtrConversation;
import dev.missive.crypto.otr.OtrEngine;
import dev.missive.crypto.otr.OtrEngineException;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.crypto.otr.OtrReceived;
import dev.missive.crypto.otr.OtrStatus;
import dev.missive.event.EventListener;
import dev.missive.internal.Locks;
import dev.missive.osms.model.OsmsError;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.SessionId;
import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.OsmsHttpRequest;
import dev.missive.osms.spi.OsmsHttpResponse;
import dev.missive.osms.spi.QueueStore;
import dev.missive.osms.spi.SessionRecord;
import dev.missive.osms.spi.SessionState;
import dev.missive.osms.spi.SessionStore;
import dev.missive.osms.spi.UserRecord;
import dev.missive.osms.spi.UserStore;
import dev.missive.osms.wire.MediaTypes;
import dev.missive.osms.wire.OtrMessages;
import dev.missive.osms.wire.UserDocuments;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The OSMS server engine: the user directory ({@code GET /user/{username}}, {@code GET /pk}), login
 * as an OTR AKE over three {@code POST /create_session[/{username}]}, authenticated operations as
 * OTR data messages on {@code POST /session}, and logout ({@code POST /terminate_session}). It
 * speaks HTTP semantics without doing I/O: a host adapter passes each request to
 * {@link #handle(OsmsHttpRequest)} (or to the method named after the endpoint) and writes the
 * returned response. Bad input never throws: it becomes an {@link OsmsError} reply and nothing is
 * stored.
 *
 * <p>OTR state lives in memory (the OTR library cannot persist it); the session store keeps what
 * a restart or another process needs to answer consistently.
 */
public final class OsmsServer {

    /** The header correlating the login POSTs and naming the session afterwards. */
    public static final String SESSION_HEADER = "OSMS-Session";

    /** The header carrying the error code of a refused request. */
    public static final String ERROR_HEADER = "OSMS-Error";

    /** Bytes of randomness in a session header value. */
    static final int TOKEN_BYTES = 32;

    /** Characters of relayed messages one poll returns at most (at least one item is returned). */
    static final int POLL_CHARS_BUDGET = 512 * 1024;

    private static final String OTR_ACCOUNT = "osms-server";

    private final Clock clock;
    private final RandomSource random;
    private final UserStore users;
    private final SessionStore sessions;
    private final QueueStore queue;
    private final OtrEngine otr;
    private final OtrKeyPair serverKey;
    private final OtrPublicKey serverPublicKey;
    private final EventListener events;
    private final OsmsConfig config;
    private final ConcurrentHashMap<SessionId, LiveSession> live = new ConcurrentHashMap<>();

    private OsmsServer(Builder b) {
        this.clock = b.clock;
        this.random = b.random;
        this.users = b.users;
        this.sessions = b.sessions;
        this.queue = b.queue;
        this.otr = b.otr;
        this.serverKey = b.serverKey;
        this.serverPublicKey = OtrPublicKey.of(b.serverKey.publicKey());
        this.events = b.events;
        this.config = b.config;
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
     * The tunables.
     *
     * @return the config
     */
    public OsmsConfig config() {
        return config;
    }

    /**
     * The server's OTR public key (what {@code GET /pk} serves).
     *
     * @return the key
     */
    public OtrPublicKey publicKey() {
        return serverPublicKey;
    }

    /**
     * Routes one request by method and path: {@code GET /user/{username}}, {@code GET /pk},
     * {@code POST /create_session}, {@code POST /create_session/{username}}, {@code POST /session},
     * {@code POST /terminate_session}. Anything else answers 404 or 405.
     *
     * @param request the request
     * @return the response
     */
    public OsmsHttpResponse handle(OsmsHttpRequest request) {
        String path = request.path();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String accept = request.header("Accept").orElse(null);
        String contentType = request.header("Content-Type").orElse(null);
        String session = request.header(SESSION_HEADER).orElse(null);
        boolean get = request.method().equals("GET");
        boolean post = request.method().equals("POST");
        if (path.startsWith("/user/")) {
            return get ? getUser(path.substring("/user/".length()), accept) : methodNotAllowed("GET");
        }
        return switch (path) {
            case "/pk" -> get ? serverKey(accept) : methodNotAllowed("GET");
            case "/create_session" ->
                post ? createSession(session, null, contentType, request.body()) : methodNotAllowed("POST");
            case "/session" -> post ? session(session, contentType, request.body()) : methodNotAllowed("POST");
            case "/terminate_session" ->
                post ? terminateSession(session, contentType, request.body()) : methodNotAllowed("POST");
            default -> {
                if (path.startsWith("/create_session/")) {
                    yield post
                            ? createSession(
                                    session, path.substring("/create_session/".length()), contentType, request.body())
                            : methodNotAllowed("POST");
                }
                yield new OsmsHttpResponse(404, Map.of("Content-Type", MediaTypes.TEXT), bytes("not found\n"));
            }
        };
    }

    /**
     * {@code GET /user/{username}}: the user's record (username and public key) as Gob or JSON.
     *
     * @param username the path segment, any case
     * @param accept   the {@code Accept} header, may be null (Gob)
     * @return 200 with the document, or 400/404/406
     */
    public OsmsHttpResponse getUser(String username, String accept) {
        Optional<MediaTypes.Format> format = MediaTypes.negotiate(accept);
        if (format.isEmpty()) {
            return refuse("user", OsmsError.NOT_ACCEPTABLE);
        }
        if (!Username.isValid(username)) {
            return refuse("user", OsmsError.INVALID_USERNAME);
        }
        try {
            Optional<UserRecord> user = users.findByUsername(Username.of(username));
            if (user.isEmpty()) {
                return refuse("user", OsmsError.UNKNOWN_USER);
            }
            byte[] body =
                    UserDocuments.encodeUser(user.get().username(), user.get().publicKey(), format.get());
            return ok(format.get().mediaType(), body, Map.of());
        } catch (RuntimeException e) {
            return refuse("user", OsmsError.INTERNAL);
        }
    }

    /**
     * {@code GET /pk}: the server's OTR public key as Gob or JSON.
     *
     * @param accept the {@code Accept} header, may be null (Gob)
     * @return 200 with the document, or 406
     */
    public OsmsHttpResponse serverKey(String accept) {
        Optional<MediaTypes.Format> format = MediaTypes.negotiate(accept);
        if (format.isEmpty()) {
            return refuse("pk", OsmsError.NOT_ACCEPTABLE);
        }
        return ok(format.get().mediaType(), UserDocuments.encodeServerKey(serverPublicKey, format.get()), Map.of());
    }

    /**
     * {@code POST /create_session[/{username}]}: one step of the login AKE. Step 1 (no session
     * header) takes the client's OTR query message and answers the D-H Commit with a new
     * {@code OSMS-Session} header; step 2 takes the D-H Key and answers the Reveal Signature; step 3
     * takes the Signature and answers an empty 200 once the proven key is the user's stored key
     * (or, with open registration, once the account is created).
     *
     * @param sessionHeader the {@code OSMS-Session} header, null on step 1
     * @param username      the path's username, null for plain {@code /create_session} (the user is
     *                      then found by the proven key)
     * @param contentType   the {@code Content-Type} header ({@code text/plain})
     * @param body          one OTR message
     * @return the step's response, or an error (the session is then gone)
     */
    public OsmsHttpResponse createSession(String sessionHeader, String username, String contentType, byte[] body) {
        final String endpoint = "create_session";
        Optional<String> message = otrBody(contentType, body);
        if (message.isEmpty()) {
            return refuse(endpoint, body.length > config.maxBodySize() ? OsmsError.TOO_LARGE : OsmsError.MALFORMED);
        }
        Optional<Username> claimed = Optional.empty();
        if (username != null) {
            if (!Username.isValid(username)) {
                return refuse(endpoint, OsmsError.INVALID_USERNAME);
            }
            claimed = Optional.of(Username.of(username));
        }
        try {
            if (sessionHeader == null) {
                return startHandshake(claimed, message.get());
            }
            return continueHandshake(sessionHeader, claimed, message.get());
        } catch (OsmsException e) {
            return refuse(endpoint, e.error());
        } catch (RuntimeException | OtrEngineException e) {
            return refuse(endpoint, OsmsError.INTERNAL);
        }
    }

    private OsmsHttpResponse startHandshake(Optional<Username> claimed, String message)
            throws OsmsException, OtrEngineException {
        if (!OtrMessages.isQuery(message)) {
            throw new OsmsException(OsmsError.MALFORMED, "the first login message is an OTR query offering v2 or v3");
        }
        if (claimed.isPresent()
                && !config.registrationOpen()
                && users.findByUsername(claimed.get()).isEmpty()) {
            throw new OsmsException(OsmsError.REGISTRATION_CLOSED, "no such user");
        }
        if (live.size() >= config.maxLiveSessions()) {
            throw new OsmsException(OsmsError.BUSY, "too many sessions");
        }
        Instant now = clock.now();
        byte[] token = random.bytes(TOKEN_BYTES);
        String header = Encodings.base64Url(token);
        SessionId id = sessionId(header);
        OtrConversation conversation = otr.open(OTR_ACCOUNT, id.value(), serverKey);
        OtrReceived received = conversation.receive(message);
        String commit = single(received, OtrMessages.DH_COMMIT);
        LiveSession session = new LiveSession(conversation, claimed);
        if (!sessions.insert(new SessionRecord(
                id, SessionState.HANDSHAKE, Optional.empty(), now, now.plus(config.handshakeTtl())))) {
            throw new OsmsException(OsmsError.INTERNAL, "session id collision");
        }
        live.put(id, session);
        events.onProtocolEvent(new OsmsEvent.HandshakeStarted(now));
        return ok(MediaTypes.TEXT, bytes(commit), Map.of(SESSION_HEADER, header));
    }

    private OsmsHttpResponse continueHandshake(String header, Optional<Username> claimed, String message)
            throws OsmsException {
        Instant now = clock.now();
        SessionId id = sessionId(header);
        SessionRecord record = sessions.find(id)
                .filter(r -> !r.isExpired(now))
                .orElseThrow(() -> new OsmsException(OsmsError.UNKNOWN_SESSION, "no such session"));
        if (record.state() != SessionState.HANDSHAKE) {
            throw new OsmsException(OsmsError.WRONG_SESSION_STATE, "the login is over");
        }
        LiveSession session = live.get(id);
        if (session == null) {
            throw new OsmsException(OsmsError.UNKNOWN_SESSION, "session lost");
        }
        return Locks.withLock(session.lock, () -> {
            try {
                if (claimed.isPresent() && !claimed.equals(session.claimed)) {
                    throw new OsmsException(OsmsError.MALFORMED, "the username changed during the login");
                }
                return session.step == 1
                        ? answerDhKey(session, message)
                        : finishLogin(id, record, session, message, now);
            } catch (OsmsException e) {
                abandon(id, record, now);
                return refuse("create_session", e.error());
            } catch (OtrEngineException | RuntimeException e) {
                abandon(id, record, now);
                return refuse("create_session", OsmsError.INTERNAL);
            }
        });
    }

    private OsmsHttpResponse answerDhKey(LiveSession session, String message) throws OsmsException, OtrEngineException {
        if (OtrMessages.encodedType(message) != OtrMessages.DH_KEY) {
            throw new OsmsException(OsmsError.AKE_FAILED, "expected the D-H Key message");
        }
        String revealSignature = single(session.conversation.receive(message), OtrMessages.REVEAL_SIGNATURE);
        session.step = 2;
        return ok(MediaTypes.TEXT, bytes(revealSignature), Map.of());
    }

    private OsmsHttpResponse finishLogin(
            SessionId id, SessionRecord record, LiveSession session, String message, Instant now)
            throws OsmsException, OtrEngineException {
        if (OtrMessages.encodedType(message) != OtrMessages.SIGNATURE) {
            throw new OsmsException(OsmsError.AKE_FAILED, "expected the Signature message");
        }
        OtrConversation conversation = session.conversation;
        OtrReceived received = conversation.receive(message);
        if (conversation.status() != OtrStatus.ENCRYPTED
                || !received.errors().isEmpty()
                || conversation.remoteKey().isEmpty()) {
            throw new OsmsException(OsmsError.AKE_FAILED, "the AKE did not complete");
        }
        OtrPublicKey proven;
        try {
            proven = OtrPublicKey.of(conversation.remoteKey().get());
        } catch (IllegalArgumentException e) {
            throw new OsmsException(OsmsError.KEY_MISMATCH, "OSMS keys are DSA-1024/160");
        }
        boolean registered = false;
        Optional<UserRecord> user = session.claimed.isPresent()
                ? users.findByUsername(session.claimed.get())
                : users.findByFingerprint(proven.fingerprintHex());
        if (user.isPresent()) {
            if (!ConstantTime.equals(user.get().publicKey().encode(), proven.encode())) {
                throw new OsmsException(OsmsError.KEY_MISMATCH, "not the user's key");
            }
        } else if (session.claimed.isEmpty()) {
            throw new OsmsException(OsmsError.UNKNOWN_USER, "no user has this key");
        } else if (!config.registrationOpen()) {
            throw new OsmsException(OsmsError.REGISTRATION_CLOSED, "no such user");
        } else {
            user = Optional.of(create(session.claimed.get(), proven, now));
            registered = true;
        }
        UserRecord account = user.get();
        sessions.update(new SessionRecord(
                id,
                SessionState.ESTABLISHED,
                Optional.of(account.id()),
                record.createdAt(),
                now.plus(config.sessionTtl())));
        session.step = 3;
        events.onProtocolEvent(
                new OsmsEvent.LoggedIn(now, account.username().value(), conversation.version(), registered));
        return ok(MediaTypes.TEXT, new byte[0], Map.of());
    }

    private UserRecord create(Username username, OtrPublicKey key, Instant now) throws OsmsException {
        UserRecord record = new UserRecord(newUserId(), username, key, now, now);
        switch (users.create(record)) {
            case DONE -> {
                events.onProtocolEvent(new OsmsEvent.UserRegistered(now, username.value()));
                return record;
            }
            case KEY_IN_USE -> throw new OsmsException(OsmsError.KEY_IN_USE, "the key belongs to another user");
            default -> throw new OsmsException(OsmsError.USERNAME_TAKEN, "the username is taken");
        }
    }

    /**
     * Creates an account (the operator's command on a server with closed registration).
     *
     * @param username the username
     * @param key      the user's OTR public key
     * @return the stored account
     * @throws OsmsException {@code username-taken} or {@code key-in-use}
     */
    public UserRecord registerUser(Username username, OtrPublicKey key) throws OsmsException {
        return create(Objects.requireNonNull(username, "username"), Objects.requireNonNull(key, "key"), clock.now());
    }

    /**
     * {@code POST /session}: one authenticated operation, an OTR data message whose plaintext is an
     * operation document (see {@code docs/osms.md}); the answer is an OTR data message whose
     * plaintext is the result document.
     *
     * @param sessionHeader the {@code OSMS-Session} header
     * @param contentType   the {@code Content-Type} header ({@code text/plain})
     * @param body          one OTR data message
     * @return 200 with the encrypted result, or an error outside OTR (400, 401, 409)
     */
    public OsmsHttpResponse session(String sessionHeader, String contentType, byte[] body) {
        final String endpoint = "session";
        Optional<String> message = otrBody(contentType, body);
        if (message.isEmpty()) {
            return refuse(endpoint, body.length > config.maxBodySize() ? OsmsError.TOO_LARGE : OsmsError.MALFORMED);
        }
        if (OtrMessages.encodedType(message.get()) != OtrMessages.DATA) {
            return refuse(endpoint, OsmsError.MALFORMED);
        }
        try {
            Instant now = clock.now();
            Established established = established(sessionHeader, now);
            return Locks.withLock(established.live.lock, () -> operate(established, message.get(), now));
        } catch (OsmsException e) {
            return refuse(endpoint, e.error());
        } catch (RuntimeException e) {
            return refuse(endpoint, OsmsError.INTERNAL);
        }
    }

    private OsmsHttpResponse operate(Established established, String message, Instant now) {
        OtrConversation conversation = established.live.conversation;
        try {
            OtrReceived received = conversation.receive(message);
            if (conversation.status() != OtrStatus.ENCRYPTED) {
                // The client sent TLV 1 here instead of to /terminate_session: honour it as a logout.
                endSession(established.record, now);
                return ok(MediaTypes.TEXT, new byte[0], Map.of());
            }
            if (!received.errors().isEmpty() || received.plaintext().isEmpty()) {
                return refuse("session", OsmsError.MALFORMED);
            }
            UserRecord user = users.findById(established.user)
                    .orElseThrow(() -> new OsmsException(OsmsError.UNKNOWN_SESSION, "account gone"));
            String result = new Operations(users, queue, config, events)
                    .execute(user, received.plaintext().get(), now);
            extend(established.record, user, now);
            List<String> reply = conversation.send(result);
            return ok(MediaTypes.TEXT, bytes(String.join("\n", reply)), Map.of());
        } catch (OsmsException e) {
            return refuse("session", e.error());
        } catch (OtrEngineException | RuntimeException e) {
            return refuse("session", OsmsError.INTERNAL);
        }
    }

    /**
     * {@code POST /terminate_session}: logout by an OTR data message carrying TLV 1. Idempotent: a
     * session already logged out answers 200 again.
     *
     * @param sessionHeader the {@code OSMS-Session} header
     * @param contentType   the {@code Content-Type} header ({@code text/plain})
     * @param body          the OTR message
     * @return 200 with an empty body, or 400/401
     */
    public OsmsHttpResponse terminateSession(String sessionHeader, String contentType, byte[] body) {
        final String endpoint = "terminate_session";
        Optional<String> message = otrBody(contentType, body);
        if (message.isEmpty()) {
            return refuse(endpoint, body.length > config.maxBodySize() ? OsmsError.TOO_LARGE : OsmsError.MALFORMED);
        }
        try {
            Instant now = clock.now();
            SessionRecord record = findSession(sessionHeader, now);
            if (record.state() == SessionState.TERMINATED) {
                return ok(MediaTypes.TEXT, new byte[0], Map.of());
            }
            LiveSession session = live.get(record.id());
            if (session == null || record.state() == SessionState.HANDSHAKE) {
                endSession(record, now);
                return ok(MediaTypes.TEXT, new byte[0], Map.of());
            }
            if (OtrMessages.encodedType(message.get()) != OtrMessages.DATA) {
                return refuse(endpoint, OsmsError.MALFORMED);
            }
            return Locks.withLock(session.lock, () -> {
                try {
                    session.conversation.receive(message.get());
                } catch (OtrEngineException | RuntimeException e) {
                    return refuse(endpoint, OsmsError.MALFORMED);
                }
                if (session.conversation.status() != OtrStatus.FINISHED) {
                    return refuse(endpoint, OsmsError.MALFORMED);
                }
                endSession(record, now);
                return ok(MediaTypes.TEXT, new byte[0], Map.of());
            });
        } catch (OsmsException e) {
            return refuse(endpoint, e.error());
        } catch (RuntimeException e) {
            return refuse(endpoint, OsmsError.INTERNAL);
        }
    }

    /**
     * Deletes expired sessions from the store and from memory; hosts call it periodically.
     *
     * @return how many sessions were removed from the store
     */
    public int cleanUp() {
        Instant now = clock.now();
        int removed = sessions.deleteExpired(now);
        live.keySet()
                .removeIf(id -> sessions.find(id).map(r -> r.isExpired(now)).orElse(true));
        events.onProtocolEvent(new OsmsEvent.CleanedUp(now, removed));
        return removed;
    }

    /**
     * Sessions held in memory (handshakes and logins).
     *
     * @return the count
     */
    public int liveSessionCount() {
        return live.size();
    }

    private Established established(String header, Instant now) throws OsmsException {
        SessionRecord record = findSession(header, now);
        if (record.state() != SessionState.ESTABLISHED) {
            throw new OsmsException(
                    record.state() == SessionState.HANDSHAKE
                            ? OsmsError.WRONG_SESSION_STATE
                            : OsmsError.UNKNOWN_SESSION,
                    "not logged in");
        }
        LiveSession session = live.get(record.id());
        if (session == null || session.step != 3) {
            throw new OsmsException(OsmsError.UNKNOWN_SESSION, "session lost");
        }
        return new Established(record, session, record.user().orElseThrow());
    }

    private SessionRecord findSession(String header, Instant now) throws OsmsException {
        if (header == null || header.isEmpty() || header.length() > 64) {
            throw new OsmsException(OsmsError.UNKNOWN_SESSION, "no session header");
        }
        return sessions.find(sessionId(header))
                .filter(r -> !r.isExpired(now))
                .orElseThrow(() -> new OsmsException(OsmsError.UNKNOWN_SESSION, "no such session"));
    }

    /**
     * Moves a session's expiry to {@code sessionTtl} after this use, but writes the store only when
     * the stored expiry is more than a slack (a tenth of {@code sessionTtl}, at most a minute) short
     * of that: a busy session would otherwise cost a store transaction per operation, doubling the
     * writes of every relayed text.
     */
    private void extend(SessionRecord record, UserRecord user, Instant now) {
        Instant wanted = now.plus(config.sessionTtl());
        Duration slack = config.sessionTtl().dividedBy(10);
        if (slack.compareTo(MAX_EXPIRY_SLACK) > 0) {
            slack = MAX_EXPIRY_SLACK;
        }
        if (record.expiresAt().isAfter(wanted.minus(slack))) {
            return;
        }
        sessions.update(new SessionRecord(
                record.id(), SessionState.ESTABLISHED, Optional.of(user.id()), record.createdAt(), wanted));
    }

    /** The most a session's stored expiry may lag behind {@code sessionTtl} after its last use. */
    private static final Duration MAX_EXPIRY_SLACK = Duration.ofMinutes(1);

    private void endSession(SessionRecord record, Instant now) {
        live.remove(record.id());
        sessions.update(new SessionRecord(
                record.id(),
                SessionState.TERMINATED,
                record.user(),
                record.createdAt(),
                now.plus(config.sessionTtl())));
        events.onProtocolEvent(new OsmsEvent.LoggedOut(now));
    }

    private void abandon(SessionId id, SessionRecord record, Instant now) {
        live.remove(id);
        sessions.update(new SessionRecord(
                id, SessionState.TERMINATED, record.user(), record.createdAt(), now.plus(config.handshakeTtl())));
    }

    /** The one reply an AKE step must produce, of the expected OTR message type. */
    private static String single(OtrReceived received, int expectedType) throws OsmsException {
        if (!received.errors().isEmpty()
                || received.replies().size() != 1
                || OtrMessages.encodedType(received.replies().get(0)) != expectedType) {
            throw new OsmsException(OsmsError.AKE_FAILED, "the AKE did not progress");
        }
        return received.replies().get(0);
    }

    /** The body as one OTR message line, if the content type is text and the size allowed. */
    private Optional<String> otrBody(String contentType, byte[] body) {
        if (body == null || body.length == 0 || body.length > config.maxBodySize() || !MediaTypes.isText(contentType)) {
            return Optional.empty();
        }
        String text = OtrMessages.strictAscii(body);
        if (text == null) {
            return Optional.empty();
        }
        text = text.strip();
        return OtrMessages.isWellFormed(text) ? Optional.of(text) : Optional.empty();
    }

    private static SessionId sessionId(String header) {
        return new SessionId(HexFormat.of().formatHex(Digests.sha256(header.getBytes(StandardCharsets.UTF_8))));
    }

    private UserId newUserId() {
        return new UserId(HexFormat.of().formatHex(random.bytes(16)));
    }

    private OsmsHttpResponse refuse(String endpoint, OsmsError error) {
        events.onProtocolEvent(new OsmsEvent.Refused(clock.now(), endpoint, error));
        return MediaTypes.error(error);
    }

    private static OsmsHttpResponse methodNotAllowed(String allowed) {
        return new OsmsHttpResponse(
                405, Map.of("Allow", allowed, "Content-Type", MediaTypes.TEXT), bytes("method not allowed\n"));
    }

    private static OsmsHttpResponse ok(String contentType, byte[] body, Map<String, String> headers) {
        var all = new java.util.HashMap<>(headers);
        all.put("Content-Type", contentType);
        return new OsmsHttpResponse(200, all, body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** One session's OTR conversation; its lock serializes the session's requests. */
    private static final class LiveSession {
        final ReentrantLock lock = new ReentrantLock();
        final OtrConversation conversation;
        final Optional<Username> claimed;
        volatile int step = 1;

        LiveSession(OtrConversation conversation, Optional<Username> claimed) {
            this.conversation = conversation;
            this.claimed = claimed;
        }
    }

    private record Established(SessionRecord record, LiveSession live, UserId user) {}

    /** Builds an {@link OsmsServer}; see {@code docs/ARCHITECTURE.md} for the shared vocabulary. */
    public static final class Builder {
        private Clock clock;
        private RandomSource random;
        private UserStore users;
        private SessionStore sessions;
        private QueueStore queue;
        private OtrEngine otr;
        private OtrKeyPair serverKey;
        private EventListener events = EventListener.NONE;
        private OsmsConfig config = OsmsConfig.DEFAULTS;

        private Builder() {}

        /**
         * Sets the clock.
         *
         * @param value the engine's only source of time (required)
         *
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the random source.
         *
         * @param value the source of session tokens and user ids (required)
         *
         * @return this builder
         */
        public Builder random(RandomSource value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Sets the user store.
         *
         * @param value accounts and consents (required)
         *
         * @return this builder
         */
        public Builder userStore(UserStore value) {
            this.users = Objects.requireNonNull(value, "userStore");
            return this;
        }

        /**
         * Sets the session store.
         *
         * @param value login sessions (required)
         *
         * @return this builder
         */
        public Builder sessionStore(SessionStore value) {
            this.sessions = Objects.requireNonNull(value, "sessionStore");
            return this;
        }

        /**
         * Sets the queue store.
         *
         * @param value queued items (required)
         *
         * @return this builder
         */
        public Builder queueStore(QueueStore value) {
            this.queue = Objects.requireNonNull(value, "queueStore");
            return this;
        }

        /**
         * Sets the OTR engine.
         *
         * @param value the OTR implementation (required; {@code dev.missive.crypto.otr.Otr4jEngine})
         * @return this builder
         */
        public Builder otr(OtrEngine value) {
            this.otr = Objects.requireNonNull(value, "otr");
            return this;
        }

        /**
         * Sets the server's OTR key pair.
         *
         * @param value the server's OTR key (required; see {@link OsmsServerKeys#loadOrCreate})
         * @return this builder
         */
        public Builder serverKey(OtrKeyPair value) {
            this.serverKey = Objects.requireNonNull(value, "serverKey");
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
         * Sets the configuration.
         *
         * @param value the tunables (default {@link OsmsConfig#DEFAULTS})
         *
         * @return this builder
         */
        public Builder config(OsmsConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * Builds the server.
         *
         * @return the server
         * @throws NullPointerException naming each missing required part
         */
        public OsmsServer build() {
            StringBuilder missing = new StringBuilder();
            if (clock == null) missing.append(" clock");
            if (random == null) missing.append(" random");
            if (users == null) missing.append(" userStore");
            if (sessions == null) missing.append(" sessionStore");
            if (queue == null) missing.append(" queueStore");
            if (otr == null) missing.append(" otr");
            if (serverKey == null) missing.append(" serverKey");
            if (!missing.isEmpty()) {
                throw new NullPointerException("missing:" + missing);
            }
            return new OsmsServer(this);
        }
    }
}
