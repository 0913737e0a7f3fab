package dev.missive.emsg.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.CryptoException;
import dev.missive.crypto.Encodings;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.EmsgVersion;
import dev.missive.emsg.model.SignatureAlgorithm;
import java.util.List;

/**
 * The non-message lines of ESMP that need only model types: {@code hello}, {@code ack}, {@code ok},
 * {@code error}, and the key objects ({@code docs/emsg.md}, "Session").
 */
public final class Frames {

    /** The capabilities this implementation announces in {@code hello}. */
    public static final List<String> CAPABILITIES = List.of("groups", "profiles", "federation", "rsa-sha256");

    private Frames() {}

    /**
     * A {@code hello} line.
     *
     * @param role      {@code client} or {@code server} (the side that opens the connection), or null for the answer
     * @param domain    the sender's domain (a server), or null
     * @param challenge the challenge (the answering server), or null
     * @return the line
     */
    public static String hello(String role, String domain, String challenge) {
        ObjectNode hello = EmsgJson.object();
        hello.put("type", "hello");
        hello.put("version", EmsgVersion.CURRENT.toString());
        ArrayNode caps = hello.putArray("capabilities");
        CAPABILITIES.forEach(caps::add);
        if (role != null) {
            hello.put("role", role);
        }
        if (domain != null) {
            hello.put("domain", domain);
        }
        if (challenge != null) {
            hello.put("challenge", challenge);
        }
        return EmsgJson.write(hello);
    }

    /**
     * Reads the version of a {@code hello} and checks it against ours.
     *
     * @param hello a parsed {@code hello}
     * @return the peer's version
     * @throws EmsgException {@code 422} if it is malformed, {@code 505} if its MAJOR differs from ours
     */
    public static EmsgVersion checkHello(ObjectNode hello) throws EmsgException {
        Schemas.validate(Schemas.Name.HELLO, hello);
        EmsgVersion version;
        try {
            version = EmsgVersion.parse(hello.get("version").textValue());
        } catch (IllegalArgumentException e) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "version must be MAJOR.MINOR.PATCH", "$.version", -1);
        }
        if (!EmsgVersion.CURRENT.compatibleWith(version)) {
            throw new EmsgException(
                    EmsgError.VERSION_NOT_SUPPORTED, "this server speaks EMSG " + EmsgVersion.CURRENT.major() + ".x");
        }
        return version;
    }

    /**
     * An {@code ack} line.
     *
     * @param id the acknowledged message id
     * @return the line
     */
    public static String ack(String id) {
        ObjectNode ack = EmsgJson.object();
        ack.put("type", "ack");
        ack.put("id", id);
        return EmsgJson.write(ack);
    }

    /**
     * An {@code ok} line, optionally with more members.
     *
     * @return the line
     */
    public static ObjectNode ok() {
        ObjectNode ok = EmsgJson.object();
        ok.put("type", "ok");
        return ok;
    }

    /**
     * An {@code error} line.
     *
     * @param error the error; its message id, if any, is named in {@code id}
     * @return the line
     */
    public static String error(EmsgException error) {
        String id = error.messageId();
        ObjectNode node = EmsgJson.object();
        node.put("type", "error");
        node.put("code", error.error().code());
        node.put("message", error.getMessage());
        if (error.path() != null) {
            node.put("path", error.path());
        }
        if (error.retryAfterMillis() >= 0) {
            node.put("retry_after", error.retryAfterMillis());
        }
        if (id != null) {
            node.put("id", id);
        }
        return EmsgJson.write(node);
    }

    /**
     * A key as a JSON object {@code {"kid","alg","key"}}.
     *
     * @param key the key
     * @return the object
     */
    public static ObjectNode key(EmsgPublicKey key) {
        ObjectNode node = EmsgJson.object();
        node.put("kid", key.kid());
        node.put("alg", key.algorithm().wireName());
        node.put("key", key.base64());
        return node;
    }

    /**
     * Reads a key object.
     *
     * @param node the object
     * @param path its JSON path, for errors
     * @return the key
     * @throws EmsgException {@code 422} at {@code path} if malformed
     */
    public static EmsgPublicKey readKey(JsonNode node, String path) throws EmsgException {
        if (node == null || !node.isObject()) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "key must be an object", path, -1);
        }
        try {
            return new EmsgPublicKey(
                    EmsgJson.requiredText(node, "kid"),
                    SignatureAlgorithm.fromWire(EmsgJson.requiredText(node, "alg")),
                    Encodings.fromBase64(EmsgJson.requiredText(node, "key")));
        } catch (IllegalArgumentException | CryptoException | EmsgException e) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "malformed key", path, -1);
        }
    }

    /**
     * Reads an {@code error} line's code as an exception.
     *
     * @param node a parsed line of type {@code error}
     * @return the error it carries (unknown codes read as {@code 500})
     */
    public static EmsgException readError(JsonNode node) {
        JsonNode code = node.get("code");
        EmsgError error = code != null && code.canConvertToInt()
                ? EmsgError.ofCode(code.intValue()).orElse(EmsgError.INTERNAL)
                : EmsgError.INTERNAL;
        JsonNode message = node.get("message");
        JsonNode path = node.get("path");
        JsonNode retry = node.get("retry_after");
        return new EmsgException(
                error,
                message != null && message.isTextual() ? message.textValue() : error.reason(),
                path != null && path.isTextual() ? path.textValue() : null,
                retry != null && retry.canConvertToLong() ? retry.longValue() : -1);
    }
}
