package dev.missive.emsg.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Strict reading and compact writing of ESMP lines: one JSON object per line, no duplicate members,
 * nothing after the object, nesting at most {@value #MAX_DEPTH}, and I-JSON content (RFC 7493): integers
 * within &plusmn;2<sup>53</sup>-1, no fractions or exponents, no unpaired surrogates. The last rule keeps
 * the RFC 8785 signing input identical in every implementation.
 */
public final class EmsgJson {

    /** Deepest nesting accepted. */
    public static final int MAX_DEPTH = 16;

    /** Largest integer magnitude (I-JSON). */
    public static final long MAX_SAFE_INTEGER = 9007199254740991L;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(20)
                            .build())
                    .build())
            // Integers as int/long nodes (BigInteger only past a long): the schema's minimum/maximum
            // compare those directly instead of through decimal strings.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Node factory for building replies. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EmsgJson() {}

    /**
     * Reads one line as a JSON object.
     *
     * @param line the line, without its newline
     * @return the object
     * @throws EmsgException {@code 400} if it is not one I-JSON object
     */
    public static ObjectNode parseObject(String line) throws EmsgException {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (StreamConstraintsException e) {
            throw new EmsgException(
                    EmsgError.BAD_REQUEST,
                    e.getMessage() != null && e.getMessage().contains("depth")
                            ? "nested deeper than " + MAX_DEPTH + " levels"
                            : "a number longer than 20 digits");
        } catch (JsonProcessingException e) {
            // Jackson's message would quote the input; say what is wrong without it.
            throw new EmsgException(
                    EmsgError.BAD_REQUEST,
                    e.getOriginalMessage() != null
                                    && e.getOriginalMessage()
                                            .toLowerCase(Locale.ROOT)
                                            .contains("duplicate")
                            ? "a member appears twice in one object"
                            : "not valid JSON");
        } catch (RuntimeException e) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "not a JSON object");
        }
        checkIJson(object, "$");
        return object;
    }

    private static void checkIJson(JsonNode node, String path) throws EmsgException {
        if (node.isNumber()) {
            if (!node.isIntegralNumber()
                    || !node.canConvertToLong()
                    || node.longValue() > MAX_SAFE_INTEGER
                    || node.longValue() < -MAX_SAFE_INTEGER) {
                throw new EmsgException(EmsgError.BAD_REQUEST, "numbers must be integers within 2^53", path, -1);
            }
        } else if (node.isTextual()) {
            checkSurrogates(node.textValue(), path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkIJson(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                checkSurrogates(field.getKey(), path);
                checkIJson(field.getValue(), path + "." + field.getKey());
            }
        }
    }

    private static void checkSurrogates(String text, String path) throws EmsgException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new EmsgException(EmsgError.BAD_REQUEST, "unpaired surrogate in a string", path, -1);
            }
        }
    }

    /**
     * Writes a node compactly (one line, no newline).
     *
     * @param node the node
     * @return its JSON text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * A new empty object.
     *
     * @return an empty {@link ObjectNode}
     */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * The string member {@code name}.
     *
     * @param node the object
     * @param name the member
     * @return its text
     * @throws EmsgException {@code 422} with the member's path if it is missing or not a string
     */
    public static String requiredText(JsonNode node, String name) throws EmsgException {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, name + " must be a string", "$." + name, -1);
        }
        return value.textValue();
    }

    /**
     * The string member {@code name}, or null when absent.
     *
     * @param node the object
     * @param name the member
     * @return its text or null
     * @throws EmsgException {@code 422} if present and not a string
     */
    public static String optionalText(JsonNode node, String name) throws EmsgException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, name + " must be a string", "$." + name, -1);
        }
        return value.textValue();
    }
}
