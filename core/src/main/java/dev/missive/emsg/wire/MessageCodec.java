package dev.missive.emsg.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgMessage;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code chat} and {@code system} messages: schema validation, then the checks a schema cannot
 * express (address syntax, timestamp forms, body length). The parsed message keeps the line it came
 * from, unchanged, as what is stored and relayed.
 */
public final class MessageCodec {

    private MessageCodec() {}

    /**
     * Reads a message line.
     *
     * @param line          one line, without its newline
     * @param maxBodyLength longest chat body in characters
     * @return the message
     * @throws EmsgException {@code 400} for malformed JSON, {@code 501} for another type, {@code 422} with
     *     the failing path for a schema violation
     */
    public static EmsgMessage decode(String line, int maxBodyLength) throws EmsgException {
        return decode(EmsgJson.parseObject(line), line, maxBodyLength);
    }

    /**
     * Reads a message already parsed as an object.
     *
     * @param node          the parsed line
     * @param line          the line itself, kept as the message's JSON
     * @param maxBodyLength longest chat body in characters
     * @return the message
     * @throws EmsgException as {@link #decode(String, int)}
     */
    public static EmsgMessage decode(ObjectNode node, String line, int maxBodyLength) throws EmsgException {
        JsonNode type = node.get("type");
        String typeName = type != null && type.isTextual() ? type.textValue() : "";
        return switch (typeName) {
            case "chat" -> decodeChat(node, line, maxBodyLength);
            case "system" -> decodeSystem(node, line);
            default -> throw new EmsgException(EmsgError.NOT_IMPLEMENTED, "not a message type", "$.type", -1);
        };
    }

    private static ChatMessage decodeChat(ObjectNode node, String line, int maxBodyLength) throws EmsgException {
        Schemas.validate(Schemas.Name.CHAT, node);
        String body = node.get("body").textValue();
        if (body.length() > maxBodyLength) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "body longer than " + maxBodyLength, "$.body", -1);
        }
        return new ChatMessage(
                id(node),
                address(node, "sender"),
                optionalAddress(node, "recipient"),
                optionalGroup(node),
                Timestamps.toMillis(node.get("timestamp")),
                body,
                Signatures.read(node),
                line);
    }

    private static SystemMessage decodeSystem(ObjectNode node, String line) throws EmsgException {
        Schemas.validate(Schemas.Name.SYSTEM, node);
        SystemEvent event = SystemEvent.fromWire(node.get("event").textValue());
        List<ProfileField> fields = new ArrayList<>();
        JsonNode fieldNodes = node.get("fields");
        if (fieldNodes != null) {
            for (JsonNode f : fieldNodes) {
                fields.add(ProfileField.fromWire(f.textValue()));
            }
        }
        JsonNode code = node.get("code");
        return new SystemMessage(
                id(node),
                event,
                address(node, "sender"),
                optionalAddress(node, "recipient"),
                optionalGroup(node),
                optionalAddress(node, "target"),
                EmsgJson.optionalText(node, "group_name"),
                EmsgJson.optionalText(node, "description"),
                EmsgJson.optionalText(node, "display_picture"),
                optionalAddress(node, "subject"),
                fields,
                EmsgJson.optionalText(node, "ref"),
                code == null ? 0 : code.intValue(),
                Timestamps.toMillis(node.get("timestamp")),
                Signatures.read(node),
                line);
    }

    private static String id(ObjectNode node) {
        // The schema admits any hex case; ids compare in lower case.
        return node.get("id").textValue().toLowerCase(Locale.ROOT);
    }

    private static EmsgAddress address(ObjectNode node, String name) throws EmsgException {
        try {
            return EmsgAddress.parse(node.get(name).textValue());
        } catch (IllegalArgumentException e) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, e.getMessage(), "$." + name, -1);
        }
    }

    private static EmsgAddress optionalAddress(ObjectNode node, String name) throws EmsgException {
        return node.hasNonNull(name) ? address(node, name) : null;
    }

    private static GroupId optionalGroup(ObjectNode node) throws EmsgException {
        return node.hasNonNull("group_id") ? new GroupId(address(node, "group_id")) : null;
    }
}
