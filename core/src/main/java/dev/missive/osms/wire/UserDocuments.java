package dev.missive.osms.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.osms.model.OsmsError;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The two public OSMS documents in Gob and JSON.
 *
 * <ul>
 *   <li>{@code GET /user/{username}}: Go {@code type User struct { Username string; PublicKey []byte }};
 *       JSON {@code {"username": "alice", "publicKey": "<base64 PUBKEY>"}}.
 *   <li>{@code GET /pk}: Go {@code type ServerKey struct { PublicKey []byte }}; JSON
 *       {@code {"publicKey": "<base64 PUBKEY>"}}.
 * </ul>
 *
 * {@code PublicKey} is the OTR PUBKEY serialisation. Each response body is one fresh Gob stream
 * (type definition, then the value). Decoding matches fields by name and ignores unknown ones.
 */
public final class UserDocuments {

    /** Largest document accepted. */
    public static final int MAX_DOCUMENT = 16 * 1024;

    /** Go {@code User}. */
    public static final GobType.Struct USER = new GobType.Struct(
            "User",
            List.of(new GobType.Field("Username", GobType.STRING), new GobType.Field("PublicKey", GobType.BYTES)));

    /** Go {@code ServerKey}. */
    public static final GobType.Struct SERVER_KEY =
            new GobType.Struct("ServerKey", List.of(new GobType.Field("PublicKey", GobType.BYTES)));

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserDocuments() {}

    /**
     * A decoded user document.
     *
     * @param username  the username
     * @param publicKey the key
     */
    public record UserDocument(Username username, OtrPublicKey publicKey) {
        /** Validates. */
        public UserDocument {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /**
     * Encodes a user document.
     *
     * @param username the username
     * @param key      the key
     * @param format   Gob or JSON
     * @return the body
     */
    public static byte[] encodeUser(Username username, OtrPublicKey key, MediaTypes.Format format) {
        if (format == MediaTypes.Format.GOB) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("Username", username.value());
            value.put("PublicKey", key.encode());
            return new Gob.Encoder().encode(USER, value);
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("username", username.value());
        node.put("publicKey", Base64.getEncoder().encodeToString(key.encode()));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Encodes the server key document.
     *
     * @param key    the server's key
     * @param format Gob or JSON
     * @return the body
     */
    public static byte[] encodeServerKey(OtrPublicKey key, MediaTypes.Format format) {
        if (format == MediaTypes.Format.GOB) {
            return new Gob.Encoder().encode(SERVER_KEY, Map.of("PublicKey", key.encode()));
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("publicKey", Base64.getEncoder().encodeToString(key.encode()));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Decodes a user document.
     *
     * @param body   the body
     * @param format Gob or JSON
     * @return the document
     * @throws OsmsException {@code malformed} if the body is not a valid user document
     */
    public static UserDocument decodeUser(byte[] body, MediaTypes.Format format) throws OsmsException {
        Map<String, Object> fields = fields(body, format);
        Object username = fields.get(format == MediaTypes.Format.GOB ? "Username" : "username");
        if (!(username instanceof String name) || !Username.isValid(name)) {
            throw new OsmsException(OsmsError.MALFORMED, "the document has no valid username");
        }
        return new UserDocument(Username.of(name), key(fields, format));
    }

    /**
     * Decodes the server key document.
     *
     * @param body   the body
     * @param format Gob or JSON
     * @return the key
     * @throws OsmsException {@code malformed} if the body is not a valid server key document
     */
    public static OtrPublicKey decodeServerKey(byte[] body, MediaTypes.Format format) throws OsmsException {
        return key(fields(body, format), format);
    }

    private static OtrPublicKey key(Map<String, Object> fields, MediaTypes.Format format) throws OsmsException {
        Object key = fields.get(format == MediaTypes.Format.GOB ? "PublicKey" : "publicKey");
        byte[] encoded;
        if (format == MediaTypes.Format.GOB && key instanceof byte[] bytes) {
            encoded = bytes;
        } else if (format == MediaTypes.Format.JSON && key instanceof String text) {
            try {
                encoded = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new OsmsException(OsmsError.MALFORMED, "publicKey is not base64");
            }
        } else {
            throw new OsmsException(OsmsError.MALFORMED, "the document has no public key");
        }
        try {
            return OtrPublicKey.parse(encoded);
        } catch (IllegalArgumentException e) {
            throw new OsmsException(OsmsError.MALFORMED, "the public key is not an OTR DSA-1024 PUBKEY");
        }
    }

    /** The first value of the body as a field map (Gob struct or JSON object). */
    private static Map<String, Object> fields(byte[] body, MediaTypes.Format format) throws OsmsException {
        if (body.length > MAX_DOCUMENT) {
            throw new OsmsException(OsmsError.MALFORMED, "document too large");
        }
        if (format == MediaTypes.Format.GOB) {
            try {
                Optional<Gob.Decoded> decoded = new Gob.Decoder(body).next();
                if (decoded.isEmpty() || !(decoded.get().value() instanceof Map<?, ?> map)) {
                    throw new OsmsException(OsmsError.MALFORMED, "the Gob stream holds no struct");
                }
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            } catch (GobException e) {
                throw new OsmsException(OsmsError.MALFORMED, "bad Gob: " + e.getMessage());
            }
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new OsmsException(OsmsError.MALFORMED, "the JSON document is not an object");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (var it = node.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isTextual()) {
                    out.put(e.getKey(), e.getValue().textValue());
                }
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new OsmsException(OsmsError.MALFORMED, "bad JSON");
        } catch (java.io.IOException e) {
            throw new OsmsException(OsmsError.MALFORMED, "bad JSON");
        }
    }
}
