package dev.missive.emsg.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;

/**
 * The signing input of EMSG ({@code docs/emsg.md}, "Signing input"): the RFC 8785 (JCS) canonical
 * UTF-8 bytes of the signed object without its {@code signature} member. Every other member, known or
 * not, is covered.
 */
public final class Canonical {

    /** The member that carries the signature and is left out of the signing input. */
    public static final String SIGNATURE_MEMBER = "signature";

    private Canonical() {}

    /**
     * The RFC 8785 canonical form of a JSON text.
     *
     * @param json an I-JSON text
     * @return the canonical UTF-8 bytes
     * @throws IllegalArgumentException if the text is not JSON
     */
    public static byte[] canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalizable JSON", e);
        }
    }

    /**
     * The signing input of an object: JCS of the object without {@code signature}.
     *
     * @param signed the object (not modified)
     * @return the bytes to sign or verify
     * @throws EmsgException {@code 400} if the object cannot be canonicalized
     */
    public static byte[] signingInput(ObjectNode signed) throws EmsgException {
        // Written straight from the parsed tree: no copy, no text written and parsed again.
        StringBuilder out = new StringBuilder(256);
        try {
            writeObject(signed, SIGNATURE_MEMBER, out);
        } catch (IOException | RuntimeException e) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "not canonicalizable JSON");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 8785 of a parsed value, as {@link #canonicalize} gives for its text: members sorted by their
     * UTF-16 code units ({@link String#compareTo}), strings escaped as ECMAScript's
     * {@code JSON.stringify} does, numbers as IEEE 754 doubles in ECMAScript form.
     */
    private static void write(JsonNode node, StringBuilder out) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, null, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> {
                // An integer within 2^53 (all that I-JSON lets EMSG carry) is its plain decimal form.
                if (node.isIntegralNumber()
                        && node.canConvertToLong()
                        && Math.abs(node.longValue()) <= EmsgJson.MAX_SAFE_INTEGER) {
                    out.append(node.longValue());
                } else {
                    out.append(NumberToJSON.serializeNumber(node.doubleValue()));
                }
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode object, String leftOut, StringBuilder out) throws IOException {
        List<String> names = new ArrayList<>(object.size());
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(leftOut)) {
                names.add(name);
            }
        }
        Collections.sort(names);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names.get(i), out);
            out.append(':');
            write(object.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
