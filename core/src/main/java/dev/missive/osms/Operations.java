package dev.missive.osms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.event.EventListener;
import dev.missive.osms.model.OsmsError;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.QueueStore;
import dev.missive.osms.spi.QueuedItem;
import dev.missive.osms.spi.UserRecord;
import dev.missive.osms.spi.UserStore;
import dev.missive.osms.wire.OtrMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The authenticated operations a logged-in user sends inside OTR on {@code POST /session}: one JSON
 * object in, one JSON object out (see {@code docs/osms.md} §Operations). Errors are results
 * ({@code {"ok":false,"error":code}}), encrypted like any other.
 */
final class Operations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserStore users;
    private final QueueStore queue;
    private final OsmsConfig config;
    private final EventListener events;

    Operations(UserStore users, QueueStore queue, OsmsConfig config, EventListener events) {
        this.users = users;
        this.queue = queue;
        this.config = config;
        this.events = events;
    }

    /** Runs one operation document for {@code user} and returns the result document. */
    String execute(UserRecord user, String document, Instant now) {
        JsonNode request;
        try {
            request = JSON.readTree(document);
        } catch (java.io.IOException e) {
            return refuse(now, "op", OsmsError.BAD_OPERATION);
        }
        if (request == null || !request.isObject() || !request.path("op").isTextual()) {
            return refuse(now, "op", OsmsError.BAD_OPERATION);
        }
        String op = request.get("op").textValue();
        return switch (op) {
            case "whoami" -> whoami(user);
            case "rename" -> rename(user, request, now);
            case "setKey" -> setKey(user, request, now);
            case "authorize" -> authorize(user, request, now);
            case "send" -> send(user, request, now);
            case "poll" -> poll(user, request, now);
            case "consent" -> consent(user, request, now);
            default -> refuse(now, "op", OsmsError.BAD_OPERATION);
        };
    }

    private String whoami(UserRecord user) {
        ObjectNode out = ok();
        out.put("username", user.username().value());
        out.put("publicKey", Base64.getEncoder().encodeToString(user.publicKey().encode()));
        return out.toString();
    }

    private String rename(UserRecord user, JsonNode request, Instant now) {
        Optional<Username> to = username(request, "username");
        if (to.isEmpty()) {
            return refuse(now, "op:rename", OsmsError.INVALID_USERNAME);
        }
        return switch (users.rename(user.id(), to.get(), now)) {
            case DONE -> {
                events.onProtocolEvent(new OsmsEvent.UserRenamed(
                        now, user.username().value(), to.get().value()));
                ObjectNode out = ok();
                out.put("username", to.get().value());
                yield out.toString();
            }
            case USERNAME_TAKEN -> refuse(now, "op:rename", OsmsError.USERNAME_TAKEN);
            default -> refuse(now, "op:rename", OsmsError.UNKNOWN_SESSION);
        };
    }

    private String setKey(UserRecord user, JsonNode request, Instant now) {
        OtrPublicKey key;
        try {
            key = OtrPublicKey.parse(
                    Base64.getDecoder().decode(request.path("publicKey").asText("")));
        } catch (IllegalArgumentException e) {
            return refuse(now, "op:setKey", OsmsError.BAD_OPERATION);
        }
        return switch (users.setKey(user.id(), key, now)) {
            case DONE -> {
                events.onProtocolEvent(
                        new OsmsEvent.KeyPublished(now, user.username().value(), key.fingerprintHex()));
                ObjectNode out = ok();
                out.put("fingerprint", key.fingerprintHex());
                yield out.toString();
            }
            case KEY_IN_USE -> refuse(now, "op:setKey", OsmsError.KEY_IN_USE);
            default -> refuse(now, "op:setKey", OsmsError.UNKNOWN_SESSION);
        };
    }

    private String authorize(UserRecord user, JsonNode request, Instant now) {
        Optional<Username> peerName = username(request, "peer");
        if (peerName.isEmpty()) {
            return refuse(now, "op:authorize", OsmsError.INVALID_USERNAME);
        }
        Optional<UserRecord> peer = users.findByUsername(peerName.get());
        if (peer.isEmpty()) {
            return refuse(now, "op:authorize", OsmsError.UNKNOWN_USER);
        }
        users.grantConsent(user.id(), peer.get().id(), now);
        events.onProtocolEvent(new OsmsEvent.Authorized(
                now, user.username().value(), peer.get().username().value()));
        ObjectNode out = ok();
        out.put("mutual", users.hasConsent(peer.get().id(), user.id()));
        return out.toString();
    }

    private String consent(UserRecord user, JsonNode request, Instant now) {
        Optional<Username> peerName = username(request, "peer");
        if (peerName.isEmpty()) {
            return refuse(now, "op:consent", OsmsError.INVALID_USERNAME);
        }
        Optional<UserRecord> peer = users.findByUsername(peerName.get());
        if (peer.isEmpty()) {
            return refuse(now, "op:consent", OsmsError.UNKNOWN_USER);
        }
        ObjectNode out = ok();
        out.put("granted", users.hasConsent(user.id(), peer.get().id()));
        out.put("received", users.hasConsent(peer.get().id(), user.id()));
        return out.toString();
    }

    private String send(UserRecord user, JsonNode request, Instant now) {
        Optional<Username> toName = username(request, "to");
        if (toName.isEmpty()) {
            return refuse(now, "op:send", OsmsError.INVALID_USERNAME);
        }
        JsonNode messageNode = request.path("message");
        if (!messageNode.isTextual()) {
            return refuse(now, "op:send", OsmsError.BAD_OPERATION);
        }
        String message = messageNode.textValue();
        if (message.length() > config.maxRelayedSize()) {
            return refuse(now, "op:send", OsmsError.TOO_LARGE);
        }
        if (!OtrMessages.isWellFormed(message)) {
            // The server relays only OTR: it must never carry a plaintext between users.
            return refuse(now, "op:send", OsmsError.MALFORMED);
        }
        Optional<UserRecord> to = users.findByUsername(toName.get());
        if (to.isEmpty()) {
            return refuse(now, "op:send", OsmsError.UNKNOWN_USER);
        }
        if (!OtrMessages.isHandshake(message)
                && !(users.hasConsent(user.id(), to.get().id())
                        && users.hasConsent(to.get().id(), user.id()))) {
            return refuse(now, "op:send", OsmsError.CONSENT_REQUIRED);
        }
        Optional<QueuedItem> item =
                queue.enqueue(to.get().id(), user.id(), user.username(), message, now, config.queueQuota());
        if (item.isEmpty()) {
            return refuse(now, "op:send", OsmsError.QUEUE_FULL);
        }
        events.onProtocolEvent(new OsmsEvent.Relayed(now, message.length()));
        ObjectNode out = ok();
        out.put("id", item.get().id());
        return out.toString();
    }

    private String poll(UserRecord user, JsonNode request, Instant now) {
        List<Long> acks = new ArrayList<>();
        JsonNode ackNode = request.path("ack");
        if (!ackNode.isMissingNode()) {
            if (!ackNode.isArray() || ackNode.size() > 10_000) {
                return refuse(now, "op:poll", OsmsError.BAD_OPERATION);
            }
            for (JsonNode id : ackNode) {
                if (!id.canConvertToLong()) {
                    return refuse(now, "op:poll", OsmsError.BAD_OPERATION);
                }
                acks.add(id.longValue());
            }
        }
        int max = request.path("max").asInt(config.pollMax());
        max = Math.max(0, Math.min(max, config.pollMax()));
        int acknowledged = acks.isEmpty() ? 0 : queue.acknowledge(user.id(), acks);
        // max 0 acknowledges without fetching.
        List<QueuedItem> items = max == 0 ? List.of() : queue.list(user.id(), max);
        ObjectNode out = ok();
        out.put("acknowledged", acknowledged);
        ArrayNode array = out.putArray("items");
        int budget = OsmsServer.POLL_CHARS_BUDGET;
        int returned = 0;
        for (QueuedItem item : items) {
            if (returned > 0 && item.message().length() > budget) {
                break;
            }
            budget -= item.message().length();
            ObjectNode node = array.addObject();
            node.put("id", item.id());
            node.put(
                    "from",
                    users.findById(item.sender())
                            .map(u -> u.username().value())
                            .orElse(item.senderUsername().value()));
            node.put("message", item.message());
            node.put("receivedAt", item.receivedAt().toString());
            returned++;
        }
        out.put("remaining", Math.max(0, queue.count(user.id()) - returned));
        events.onProtocolEvent(new OsmsEvent.Polled(now, returned, acknowledged));
        return out.toString();
    }

    private static Optional<Username> username(JsonNode request, String field) {
        JsonNode node = request.path(field);
        return node.isTextual() && Username.isValid(node.textValue())
                ? Optional.of(Username.of(node.textValue()))
                : Optional.empty();
    }

    private static ObjectNode ok() {
        ObjectNode out = JSON.createObjectNode();
        out.put("ok", true);
        return out;
    }

    private String refuse(Instant now, String endpoint, OsmsError error) {
        events.onProtocolEvent(new OsmsEvent.Refused(now, endpoint, error));
        ObjectNode out = JSON.createObjectNode();
        out.put("ok", false);
        out.put("error", error.code());
        return out.toString();
    }
}
