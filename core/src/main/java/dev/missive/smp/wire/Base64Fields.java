package dev.missive.smp.wire;

import dev.missive.crypto.EncodingException;
import dev.missive.crypto.Encodings;
import java.nio.charset.StandardCharsets;

/** Strict base64 (RFC 4648 section 4, canonical padding) for the fields of a transmission. */
final class Base64Fields {

    private Base64Fields() {}

    /** Decodes {@code text}; null unless it is canonical padded base64 (the only accepted form). */
    static byte[] decodeOrNull(byte[] text) {
        return decodeOrNull(new String(text, StandardCharsets.ISO_8859_1));
    }

    static byte[] decodeOrNull(String text) {
        try {
            return Encodings.fromBase64(text);
        } catch (EncodingException e) {
            return null;
        }
    }

    static String encode(byte[] bytes) {
        return Encodings.base64(bytes);
    }
}
