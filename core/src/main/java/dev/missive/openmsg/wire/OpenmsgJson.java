package dev.missive.openmsg.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.ResponseCode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Strict JSON codecs for the four endpoints, with the reference's exact field names ({@code docs/openmsg.md}, "Wire format").
 *
 * <p>Requests are read strictly: the body must be at most {@code maxBytes}, one JSON object with no
 * duplicate members and nothing after it; each required member must be present with the right JSON
 * type (a string is a string: {@code "message_hash": true} is refused, unlike the reference's loose
 * comparison) and the right format (hex lengths, digits). Unknown members are ignored (the reference
 * sends {@code openmsg_version}, {@code verified_account}, ...).
 *
 * <p>Replies from peers are read tolerantly ({@link #parseReply}): leading whitespace and blank lines
 * (the reference leaks CRLFs before its JSON), trailing content, and PHP truthiness for
 * {@code success}/{@code error}.
 */
public final class OpenmsgJson {

    /** Version number we put in {@code openmsg_version}: the reference emits {@code 1}. */
    public static final int OPENMSG_VERSION = 1;

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ObjectMapper LENIENT = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(32).build())
            .build());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenmsgJson() {}

    // ---- requests: decode (server side) -------------------------------------------------------------

    /** Reads an {@code auth/} body. */
    public static AuthRequest decodeAuthRequest(byte[] body, int maxBytes) throws WireFormatException {
        JsonNode root = readObject(body, maxBytes);
        String id = digits(root, "receiving_openmsg_address_id");
        Secret passCode = Secret.ofText(requiredString(root, "pass_code"));
        String sending = requiredString(root, "sending_openmsg_address");
        String name = requiredString(root, "sending_openmsg_address_name");
        boolean allowReplies = optionalFlag(root, "sending_allow_replies", true);
        return new AuthRequest(id, passCode, sending, name, allowReplies);
    }

    /** Reads an {@code auth-confirm/} body, current ({@code passcode_hash}) or legacy ({@code pass_code}) form. */
    public static AuthConfirmRequest decodeAuthConfirmRequest(byte[] body, int maxBytes) throws WireFormatException {
        JsonNode root = readObject(body, maxBytes);
        String address;
        if (root.has("receiving_openmsg_address")) {
            address = requiredString(root, "receiving_openmsg_address");
        } else if (root.has("other_openmsg_address")) {
            address = requiredString(root, "other_openmsg_address");
        } else {
            throw new WireFormatException("receiving_openmsg_address is missing");
        }
        // The hash wins when both are present: acceptors send the raw code only for older initiators.
        if (root.has("passcode_hash")) {
            return new AuthConfirmRequest(address, Optional.of(secretHex(root, "passcode_hash")), Optional.empty());
        }
        if (root.has("pass_code")) {
            return new AuthConfirmRequest(
                    address, Optional.empty(), Optional.of(Secret.ofText(requiredString(root, "pass_code"))));
        }
        throw new WireFormatException("passcode_hash is missing");
    }

    /** Reads a {@code message-receive/} body. */
    public static MessageReceiveRequest decodeMessageReceiveRequest(byte[] body, int maxBytes)
            throws WireFormatException {
        JsonNode root = readObject(body, maxBytes);
        String id = digits(root, "receiving_openmsg_address_id");
        Secret ident = secretHex(root, "ident_code");
        String messagePackage = requiredString(root, "message_package");
        String hash = hex(root, "message_hash", 64);
        String salt = hex(root, "message_salt", 32);
        JsonNode timestamp = root.get("message_timestamp");
        if (timestamp == null || timestamp.isNull()) {
            throw new WireFormatException("message_timestamp is missing");
        }
        if (!timestamp.isIntegralNumber() || !timestamp.canConvertToLong() || timestamp.asLong() < 0) {
            throw new WireFormatException("message_timestamp must be a non-negative JSON integer");
        }
        JsonNode name = root.get("sending_openmsg_address_name");
        Optional<String> sendingName =
                name != null && name.isTextual() ? Optional.of(name.textValue()) : Optional.empty();
        return new MessageReceiveRequest(id, ident, messagePackage, hash, salt, timestamp.asLong(), sendingName);
    }

    /** Reads a {@code message-confirm/} body. */
    public static MessageConfirmRequest decodeMessageConfirmRequest(byte[] body, int maxBytes)
            throws WireFormatException {
        JsonNode root = readObject(body, maxBytes);
        String hash = hex(root, "message_hash", 64);
        String nonce = requiredString(root, "message_nonce");
        if (nonce.length() != 32) {
            throw new WireFormatException("message_nonce must be 32 base64url characters");
        }
        return new MessageConfirmRequest(hash, nonce);
    }

    // ---- requests: encode (client side) -------------------------------------------------------------

    /** Writes an {@code auth/} body; {@code sending_allow_replies} as a JSON boolean, {@code pass_code} as a string. */
    public static byte[] encode(AuthRequest request) {
        ObjectNode root = NODES.objectNode();
        root.put("receiving_openmsg_address_id", request.receivingAddressId());
        root.put("pass_code", request.passCode().revealText());
        root.put("sending_openmsg_address", request.sendingAddress());
        root.put("sending_openmsg_address_name", request.sendingName());
        root.put("sending_allow_replies", request.allowReplies());
        root.put("openmsg_version", OPENMSG_VERSION);
        return write(root);
    }

    /**
     * Writes an {@code auth-confirm/} body: the current form ({@code passcode_hash}), with the raw
     * {@code pass_code} alongside when the request carries both (read by initiators older than 29 Oct
     * 2025, ignored by newer ones), or the June-2025 legacy form for a request with the raw code only.
     */
    public static byte[] encode(AuthConfirmRequest request) {
        ObjectNode root = NODES.objectNode();
        if (request.passcodeHash().isPresent()) {
            root.put("receiving_openmsg_address", request.receivingAddress());
            root.put("passcode_hash", request.passcodeHash().get().revealText());
            request.legacyPassCode().ifPresent(code -> root.put("pass_code", code.revealText()));
        } else {
            root.put("other_openmsg_address", request.receivingAddress());
            root.put("pass_code", request.legacyPassCode().orElseThrow().revealText());
        }
        return write(root);
    }

    /**
     * Writes a {@code message-receive/} body like the reference: integer timestamp, the sender's name,
     * {@code openmsg_version: 1} and a {@code verified_account} object with null members (the reference
     * reads those members and would print PHP warnings into its answer without them).
     */
    public static byte[] encode(MessageReceiveRequest request) {
        ObjectNode root = NODES.objectNode();
        root.put("receiving_openmsg_address_id", request.receivingAddressId());
        root.put("ident_code", request.identCode().revealText());
        root.put("message_package", request.messagePackage());
        root.put("message_hash", request.messageHash());
        root.put("message_salt", request.messageSalt());
        root.put("message_timestamp", request.messageTimestamp());
        if (request.sendingName().isPresent()) {
            root.put("sending_openmsg_address_name", request.sendingName().get());
        } else {
            root.putNull("sending_openmsg_address_name");
        }
        root.put("openmsg_version", OPENMSG_VERSION);
        ObjectNode verified = root.putObject("verified_account");
        verified.putNull("verified_account_signature");
        verified.putNull("verified_account_name");
        verified.putNull("verified_account_expires");
        return write(root);
    }

    /** Writes a {@code message-confirm/} body. */
    public static byte[] encode(MessageConfirmRequest request) {
        ObjectNode root = NODES.objectNode();
        root.put("message_hash", request.messageHash());
        root.put("message_nonce", request.messageNonce());
        return write(root);
    }

    // ---- replies: encode (server side) --------------------------------------------------------------

    /** {@code {"success": true}}. */
    public static byte[] success() {
        ObjectNode root = NODES.objectNode();
        root.put("success", true);
        return write(root);
    }

    /** The {@code auth/} success answer. */
    public static byte[] authSuccess(AuthSuccess success) {
        ObjectNode root = NODES.objectNode();
        root.put("success", true);
        root.put("auth_code", success.authCode().revealText());
        root.put("ident_code", success.identCode().revealText());
        root.put("message_crypt_key", success.messageCryptKey().revealText());
        root.put("receiving_openmsg_address_name", success.receivingName());
        return write(root);
    }

    /** A handshake error: {@code {"error": true, "error_message": ...}}. */
    public static byte[] handshakeError(String message) {
        ObjectNode root = NODES.objectNode();
        root.put("error", true);
        root.put("error_message", message);
        return write(root);
    }

    /** A message-path answer: {@code success + response_code} for SM_S888, else {@code error + response_code + error_code + error_message}. */
    public static byte[] messageReply(ResponseCode code, String errorMessage) {
        ObjectNode root = NODES.objectNode();
        if (code.isSuccess()) {
            root.put("success", true);
            root.put("response_code", code.name());
        } else {
            root.put("error", true);
            root.put("response_code", code.name());
            root.put("error_code", code.errorCode().orElseThrow());
            root.put("error_message", errorMessage);
        }
        return write(root);
    }

    // ---- replies: decode (client side) --------------------------------------------------------------

    /**
     * Reads a peer's answer tolerantly: skips a UTF-8 BOM and leading whitespace, reads the first JSON
     * value, ignores anything after it, requires an object.
     */
    public static PeerReply parseReply(byte[] body, int maxBytes) throws WireFormatException {
        if (body.length > maxBytes) {
            throw new WireFormatException("reply larger than " + maxBytes + " bytes");
        }
        int start = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            start = 3;
        }
        JsonNode root;
        try (JsonParser parser = LENIENT.createParser(body, start, body.length - start)) {
            root = LENIENT.readTree(parser);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("reply is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new WireFormatException("reply is not a JSON object");
        }
        Map<String, String> strings = new HashMap<>();
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            if (member.getValue().isTextual()) {
                strings.put(member.getKey(), member.getValue().textValue());
            }
        }
        return new PeerReply(truthy(root.get("success")), truthy(root.get("error")), strings);
    }

    /** Reads the {@code auth/} success fields from a reply: three 64-hex codes and a string name (null or absent = empty). */
    public static AuthSuccess authSuccess(PeerReply reply) throws WireFormatException {
        Secret authCode = replyHex(reply, "auth_code");
        Secret identCode = replyHex(reply, "ident_code");
        Secret key = replyHex(reply, "message_crypt_key");
        return new AuthSuccess(
                authCode,
                identCode,
                key,
                reply.text("receiving_openmsg_address_name").orElse(""));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** PHP truthiness of a JSON value: absent, null, false, 0, "", "0", [] and {} are false. */
    static boolean truthy(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() != 0.0;
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return !text.isEmpty() && !text.equals("0");
        }
        return node.size() > 0;
    }

    private static JsonNode readObject(byte[] body, int maxBytes) throws WireFormatException {
        if (body == null || body.length == 0) {
            throw new WireFormatException("empty body");
        }
        if (body.length > maxBytes) {
            throw new WireFormatException("body larger than " + maxBytes + " bytes");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException("body is not a single well-formed JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new WireFormatException("body is not a JSON object");
        }
        return root;
    }

    private static String requiredString(JsonNode root, String field) throws WireFormatException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new WireFormatException(field + " is missing");
        }
        if (!node.isTextual()) {
            throw new WireFormatException(field + " must be a JSON string");
        }
        if (node.textValue().isEmpty()) {
            throw new WireFormatException(field + " is empty");
        }
        return node.textValue();
    }

    private static String digits(JsonNode root, String field) throws WireFormatException {
        String value = requiredString(root, field);
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9') || value.length() > 253) {
            throw new WireFormatException(field + " must be decimal digits");
        }
        return value;
    }

    private static String hex(JsonNode root, String field, int length) throws WireFormatException {
        String value = requiredString(root, field);
        if (!isHex(value, length)) {
            throw new WireFormatException(field + " must be " + length + " hex characters");
        }
        return value;
    }

    /** A 64-hex secret of {@code root}, in lower case: peers may send either case and we compare bytes. */
    private static Secret secretHex(JsonNode root, String field) throws WireFormatException {
        return Secret.ofText(hex(root, field, 64).toLowerCase(Locale.ROOT));
    }

    /** A 64-hex secret of a reply, in lower case. */
    private static Secret replyHex(PeerReply reply, String field) throws WireFormatException {
        String value = reply.text(field).orElseThrow(() -> new WireFormatException(field + " missing in reply"));
        if (!isHex(value, 64)) {
            throw new WireFormatException(field + " in reply must be 64 hex characters");
        }
        return Secret.ofText(value.toLowerCase(Locale.ROOT));
    }

    private static boolean optionalFlag(JsonNode root, String field, boolean absent) throws WireFormatException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        // An integer 0/1 survives the reference's binding, so some peers may send it.
        if (node.isIntegralNumber() && (node.asLong() == 0 || node.asLong() == 1)) {
            return node.asLong() == 1;
        }
        throw new WireFormatException(field + " must be a JSON boolean");
    }

    /** True if {@code value} is exactly {@code length} characters of {@code [0-9a-fA-F]}. */
    public static boolean isHex(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] write(ObjectNode root) {
        try {
            return STRICT.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("writing a JSON tree cannot fail", e);
        }
    }
}
