package dev.missive.emsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.ConstantTime;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.MessageSignature;
import dev.missive.emsg.spi.GroupMember;
import dev.missive.emsg.spi.GroupRecord;
import dev.missive.emsg.spi.StoredInboxEntry;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Frames;
import dev.missive.emsg.wire.Ids;
import dev.missive.emsg.wire.Signatures;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One accepted ESMP connection, client or peer server ({@code docs/emsg.md}, "Session"). The transport
 * calls {@link #onLine} for every line read (serially: a session is confined to its connection) and
 * writes each {@link SessionReply}; it calls {@link #onOversizeLine} instead when a line exceeds
 * {@link EmsgConfig#maxLineLength()}. Bad input never throws: it becomes an {@code error} reply.
 */
public final class EmsgSession {

    private enum State {
        NEW,
        GREETED,
        CLIENT,
        SERVER,
        CLOSED
    }

    private final EmsgServer server;
    private State state = State.NEW;
    private boolean greeted;
    private String challenge;
    private Instant challengeAt;
    private boolean serverRole;
    private String helloDomain;
    private EmsgAddress user;
    private String peer;

    EmsgSession(EmsgServer server) {
        this.server = server;
    }

    /**
     * Whether this session answered a {@code hello}: the end of the connection's handshake, which a
     * transport bounds in time ({@code docs/emsg.md}, "Session").
     *
     * @return true once a {@code hello} was accepted and answered, even if the session closed since
     */
    public boolean isGreeted() {
        return greeted;
    }

    /**
     * Whether the session authenticated (as a user or a peer server).
     *
     * @return true once a user or a peer server authenticated on this session
     */
    public boolean isAuthenticated() {
        return state == State.CLIENT || state == State.SERVER;
    }

    /**
     * The authenticated user, if this is a client session.
     *
     * @return the user's address, or empty for a peer server or an unauthenticated session
     */
    public Optional<EmsgAddress> user() {
        return Optional.ofNullable(user);
    }

    /**
     * The authenticated peer domain, if this is a server session.
     *
     * @return the peer's lower-case domain, or empty for a user or an unauthenticated session
     */
    public Optional<String> peerDomain() {
        return Optional.ofNullable(peer);
    }

    /** Marks the session closed (the connection ended); later lines are refused. */
    public void close() {
        state = State.CLOSED;
    }

    /**
     * The answer to a line longer than the limit: {@code 413}, then close.
     *
     * @return the reply
     */
    public SessionReply onOversizeLine() {
        state = State.CLOSED;
        server.emit(new EmsgEvent.MessageRejected(server.clock.now(), EmsgError.TOO_LARGE.code()));
        return SessionReply.closing(Frames.error(new EmsgException(
                EmsgError.TOO_LARGE, "lines are at most " + server.config.maxLineLength() + " bytes")));
    }

    /**
     * Handles one line.
     *
     * @param line the line, without its newline (a trailing CR is ignored)
     * @return the reply to write
     */
    public SessionReply onLine(String line) {
        if (state == State.CLOSED) {
            return SessionReply.closing(Frames.error(new EmsgException(EmsgError.BAD_REQUEST, "session closed")));
        }
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        try {
            ObjectNode node = EmsgJson.parseObject(text);
            String type = node.path("type").asText("");
            return switch (state) {
                case NEW -> hello(node, type);
                case GREETED -> greeted(node, type);
                case CLIENT -> client(node, text, type);
                case SERVER -> peerServer(node, text, type);
                case CLOSED -> throw new IllegalStateException("handled above");
            };
        } catch (EmsgException e) {
            server.emit(
                    new EmsgEvent.MessageRejected(server.clock.now(), e.error().code()));
            return SessionReply.of(Frames.error(e));
        } catch (RuntimeException e) {
            // A store or programming failure: the peer gets 500, the host gets the event.
            server.emit(new EmsgEvent.MessageRejected(server.clock.now(), EmsgError.INTERNAL.code()));
            return SessionReply.of(Frames.error(new EmsgException(EmsgError.INTERNAL)));
        }
    }

    private SessionReply hello(ObjectNode node, String type) throws EmsgException {
        if (!"hello".equals(type)) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "the first line must be hello");
        }
        try {
            Frames.checkHello(node);
            serverRole = "server".equals(EmsgJson.optionalText(node, "role"));
            if (serverRole) {
                String domain = EmsgJson.optionalText(node, "domain");
                try {
                    helloDomain = EmsgAddress.checkDomain(domain == null ? "" : domain);
                } catch (IllegalArgumentException e) {
                    throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "a server says its domain", "$.domain", -1);
                }
            }
        } catch (EmsgException e) {
            return refuseHandshake(e);
        }
        challenge = Ids.challenge(server.random);
        challengeAt = server.clock.now();
        state = State.GREETED;
        greeted = true;
        return SessionReply.of(Frames.hello(null, server.domain, challenge));
    }

    private SessionReply refuseHandshake(EmsgException e) {
        state = State.CLOSED;
        server.emit(
                new EmsgEvent.AuthenticationFailed(server.clock.now(), e.error().code()));
        return SessionReply.closing(Frames.error(e));
    }

    private SessionReply greeted(ObjectNode node, String type) throws EmsgException {
        return switch (type) {
            case "auth" -> {
                try {
                    yield serverRole ? authServer(node) : authClient(node);
                } catch (EmsgException e) {
                    yield refuseHandshake(e);
                }
            }
            case "register" -> {
                try {
                    yield register(node);
                } catch (EmsgException e) {
                    yield refuseHandshake(e);
                }
            }
            case "domain_key_request", "key_request" -> keyRequest(node, type);
            default -> throw new EmsgException(EmsgError.UNAUTHORIZED, "authenticate first");
        };
    }

    private SessionReply keyRequest(ObjectNode node, String type) throws EmsgException {
        if ("domain_key_request".equals(type)) {
            return SessionReply.of(server.keys.domainKeyAnswer());
        }
        return SessionReply.of(server.keys.keysAnswer(address(node, "address")));
    }

    /** Checks the challenge binding common to every authentication line; the challenge is single-use. */
    private MessageSignature checkBinding(ObjectNode node) throws EmsgException {
        String offered = EmsgJson.optionalText(node, "challenge");
        String expected = challenge;
        challenge = null;
        if (expected == null
                || offered == null
                || !ConstantTime.equals(expected, offered)
                || !server.clock.now().isBefore(challengeAt.plus(server.config.challengeTtl()))) {
            throw new EmsgException(EmsgError.UNAUTHORIZED, "challenge missing, wrong or expired");
        }
        if (!server.domain.equals(lower(EmsgJson.optionalText(node, "server")))) {
            throw new EmsgException(EmsgError.UNAUTHORIZED, "signed for another server");
        }
        return Signatures.read(node);
    }

    private SessionReply authClient(ObjectNode node) throws EmsgException {
        EmsgAddress address = address(node, "address");
        MessageSignature signature = checkBinding(node);
        if (!address.domain().equals(server.domain)) {
            throw new EmsgException(EmsgError.UNAUTHORIZED, "not an account of this server");
        }
        EmsgPublicKey key = server.knownAccounts
                .findWithKey(address, signature.kid())
                .flatMap(a -> a.key(signature.kid()))
                .orElseThrow(() -> new EmsgException(EmsgError.UNAUTHORIZED, "unknown account or key"));
        if (!Signatures.verify(node, signature, key)) {
            throw new EmsgException(EmsgError.UNAUTHORIZED, "authentication signature does not verify");
        }
        user = address;
        state = State.CLIENT;
        server.emit(new EmsgEvent.SessionAuthenticated(server.clock.now(), address.toString(), false));
        return SessionReply.of(EmsgJson.write(Frames.ok().put("address", address.toString())));
    }

    private SessionReply authServer(ObjectNode node) throws EmsgException {
        String domain = lower(EmsgJson.optionalText(node, "domain"));
        MessageSignature signature = checkBinding(node);
        if (domain == null || !domain.equals(helloDomain) || domain.equals(server.domain)) {
            throw new EmsgException(EmsgError.UNAUTHORIZED, "domain differs from hello");
        }
        EmsgPublicKey key = server.keys.domainKey(domain);
        if (!Signatures.verify(node, signature, key)) {
            throw new EmsgException(EmsgError.UNAUTHORIZED, "authentication signature does not verify");
        }
        peer = domain;
        state = State.SERVER;
        server.emit(new EmsgEvent.SessionAuthenticated(server.clock.now(), domain, true));
        return SessionReply.of(EmsgJson.write(Frames.ok().put("domain", domain)));
    }

    private SessionReply register(ObjectNode node) throws EmsgException {
        if (serverRole) {
            throw new EmsgException(EmsgError.FORBIDDEN, "servers do not register");
        }
        EmsgAddress address = address(node, "address");
        EmsgPublicKey key = Frames.readKey(node.get("key"), "$.key");
        MessageSignature signature = checkBinding(node);
        if (!server.config.registrationOpen()) {
            throw new EmsgException(EmsgError.FORBIDDEN, "registration is closed");
        }
        if (!address.domain().equals(server.domain) || address.isSystem()) {
            throw new EmsgException(EmsgError.FORBIDDEN, "not an address this server can give");
        }
        // Proof of possession: the new key signs its own registration.
        if (!Signatures.verify(node, signature, key)) {
            throw new EmsgException(EmsgError.UNAUTHORIZED, "registration signature does not verify");
        }
        if (!server.addAccount(address, key)) {
            throw new EmsgException(EmsgError.CONFLICT, "address taken");
        }
        user = address;
        state = State.CLIENT;
        Instant now = server.clock.now();
        server.emit(new EmsgEvent.AccountRegistered(now, address.toString()));
        server.emit(new EmsgEvent.SessionAuthenticated(now, address.toString(), false));
        return SessionReply.of(EmsgJson.write(Frames.ok().put("address", address.toString())));
    }

    private SessionReply client(ObjectNode node, String line, String type) throws EmsgException {
        return switch (type) {
            case "chat", "system" -> SessionReply.of(server.router.accept(node, line, new Router.FromClient(user)));
            case "inbox" -> SessionReply.of(inbox(node));
            case "profile_set" -> {
                int notified = server.profileLogic.set(user, node.get("fields"));
                yield SessionReply.of(EmsgJson.write(Frames.ok().put("notified", notified)));
            }
            case "profile_get" -> {
                EmsgAddress of = address(node, "address");
                yield SessionReply.of(
                        of.domain().equals(server.domain)
                                ? server.profileLogic.answer(of, user)
                                : forward(of.domain(), "profile_get", "address", of.toString(), "profile"));
            }
            case "contact_add" -> {
                server.profiles.addContact(user, address(node, "address"), server.clock.now());
                yield SessionReply.of(EmsgJson.write(Frames.ok()));
            }
            case "group_get" -> {
                GroupId group = new GroupId(address(node, "group_id"));
                yield SessionReply.of(
                        group.origin().equals(server.domain)
                                ? groupAnswer(group, user)
                                : forward(group.origin(), "group_get", "group_id", group.toString(), "group"));
            }
            case "domain_key_request", "key_request" -> keyRequest(node, type);
            default -> throw new EmsgException(EmsgError.NOT_IMPLEMENTED, "unknown type", "$.type", -1);
        };
    }

    private SessionReply peerServer(ObjectNode node, String line, String type) throws EmsgException {
        return switch (type) {
            case "chat", "system" -> SessionReply.of(server.router.accept(node, line, new Router.FromPeer(peer)));
            case "relay" -> SessionReply.of(relay(node));
            case "profile_get" -> SessionReply.of(server.profileLogic.answer(address(node, "address"), viewer(node)));
            case "group_get" -> {
                GroupId group = new GroupId(address(node, "group_id"));
                if (!group.origin().equals(server.domain)) {
                    throw new EmsgException(EmsgError.NOT_GROUP_ORIGIN, "not the group's origin");
                }
                yield SessionReply.of(groupAnswer(group, viewer(node)));
            }
            case "domain_key_request", "key_request" -> keyRequest(node, type);
            default -> throw new EmsgException(EmsgError.NOT_IMPLEMENTED, "unknown type", "$.type", -1);
        };
    }

    /** The {@code viewer} of a peer's query: one of the peer's own users. */
    private EmsgAddress viewer(ObjectNode node) throws EmsgException {
        EmsgAddress viewer = address(node, "viewer");
        if (!viewer.domain().equals(peer)) {
            throw new EmsgException(EmsgError.SENDER_DOMAIN_MISMATCH, "viewer is not of the peer's domain");
        }
        return viewer;
    }

    private String relay(ObjectNode node) throws EmsgException {
        JsonNode to = node.get("to");
        if (to == null || !to.isArray() || to.isEmpty() || to.size() > Router.MAX_RELAY_RECIPIENTS) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "to must list 1-1000 addresses", "$.to", -1);
        }
        List<EmsgAddress> recipients = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            try {
                recipients.add(EmsgAddress.parse(to.get(i).asText("")));
            } catch (IllegalArgumentException e) {
                throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "not an address", "$.to[" + i + "]", -1);
            }
        }
        String message = EmsgJson.requiredText(node, "message");
        ObjectNode inner = EmsgJson.parseObject(message);
        return server.router.accept(inner, message, new Router.Relayed(peer, recipients));
    }

    /** Asks the peer that holds the answer, on behalf of this session's user, and passes its reply on. */
    private String forward(String domain, String type, String member, String value, String answerType)
            throws EmsgException {
        ObjectNode request = EmsgJson.object();
        request.put("type", type);
        request.put(member, value);
        request.put("viewer", user.toString());
        String reply;
        try {
            reply = server.transport.request(domain, EmsgJson.write(request));
        } catch (IOException e) {
            throw new EmsgException(EmsgError.UNAVAILABLE, "peer unreachable");
        }
        ObjectNode answer = KeyDirectory.replyOf(reply, answerType);
        if (!value.equals(EmsgJson.optionalText(answer, member))) {
            throw new EmsgException(EmsgError.UNAVAILABLE, "peer answered about something else");
        }
        return EmsgJson.write(answer);
    }

    private String groupAnswer(GroupId id, EmsgAddress asker) throws EmsgException {
        List<GroupMember> members = server.groupEngine.membersFor(id, asker);
        GroupRecord group = server.groups.find(id).orElseThrow();
        ObjectNode answer = EmsgJson.object();
        answer.put("type", "group");
        answer.put("group_id", id.toString());
        answer.put("group_name", group.name());
        if (group.description() != null) {
            answer.put("description", group.description());
        }
        if (group.displayPicture() != null) {
            answer.put("display_picture", group.displayPicture());
        }
        ArrayNode list = answer.putArray("members");
        for (GroupMember m : members) {
            list.addObject()
                    .put("address", m.address().toString())
                    .put("role", m.role().name().toLowerCase(Locale.ROOT));
        }
        return EmsgJson.write(answer);
    }

    /**
     * The integer member {@code name} of a request, {@code absent} when it is missing; anything but
     * an integer of at least {@code min} (a string, a fraction, null) is a 422 naming the member.
     */
    private static long integerAtLeast(ObjectNode node, String name, long min, long absent) throws EmsgException {
        JsonNode value = node.get(name);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min) {
            throw new EmsgException(
                    EmsgError.SCHEMA_VIOLATION, name + " must be an integer >= " + min, "$." + name, -1);
        }
        return value.asLong();
    }

    private String inbox(ObjectNode node) throws EmsgException {
        long after = integerAtLeast(node, "after", 0, 0);
        int limit = (int) Math.min(
                integerAtLeast(node, "limit", 1, server.config.inboxPageSize()), server.config.inboxPageSize());
        List<StoredInboxEntry> entries = server.inbox.list(user, after, limit);
        ObjectNode answer = EmsgJson.object();
        answer.put("type", "inbox");
        ArrayNode messages = answer.putArray("messages");
        long next = after;
        for (StoredInboxEntry e : entries) {
            messages.addObject()
                    .put("seq", e.sequence())
                    .put("received_at", e.entry().receivedAt().toEpochMilli())
                    // As a string: exactly the bytes its author signed.
                    .put("message", e.entry().json());
            next = e.sequence();
        }
        answer.put("next", next);
        return EmsgJson.write(answer);
    }

    private static EmsgAddress address(ObjectNode node, String member) throws EmsgException {
        String text = EmsgJson.requiredText(node, member);
        try {
            return EmsgAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "not an address", "$." + member, -1);
        }
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
