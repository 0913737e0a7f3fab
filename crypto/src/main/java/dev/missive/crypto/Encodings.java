package dev.missive.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Strict text encodings of bytes: lowercase hex, RFC 4648 base64 (§4, padded) and base64url (§5,
 * unpadded), and RFC 7468 PEM armour.
 *
 * <p>Decoders accept exactly one spelling per byte string: anything a canonical encoder would not
 * have produced (wrong alphabet, missing or extra padding, non-zero trailing bits, odd hex length)
 * is an {@link EncodingException}, and they never throw anything else for any non-null input.
 */
public final class Encodings {

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final int PEM_LINE_LENGTH = 64;
    /** RFC 7468 §3 label: printable ASCII without '-', single spaces or hyphens between words. */
    private static final Pattern PEM_LABEL = Pattern.compile("[!-,.-~]+(?:[ -][!-,.-~]+)*");

    private static final Base64.Encoder PEM_BODY_ENCODER = Base64.getMimeEncoder(PEM_LINE_LENGTH, new byte[] {'\n'});

    private Encodings() {}

    /**
     * Lowercase hex of {@code bytes}.
     *
     * @param bytes the bytes to encode
     * @return two lowercase hex digits per byte; empty for an empty array
     */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes hex (either case).
     *
     * @param hex the hex text, with no prefix, separators or whitespace
     * @return the decoded bytes
     * @throws EncodingException on odd length or a character outside {@code [0-9a-fA-F]}
     */
    public static byte[] fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() % 2 != 0) {
            throw new EncodingException("hex has an odd number of digits");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int high = hexValue(hex.charAt(2 * i));
            int low = hexValue(hex.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                throw new EncodingException("hex contains a non-hex character");
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return out;
    }

    /** ASCII only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * RFC 4648 §4 base64 with padding.
     *
     * @param bytes the bytes to encode
     * @return the padded base64 text
     */
    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Decodes RFC 4648 §4 base64, requiring canonical padding and zero trailing bits.
     *
     * @param text the padded base64 text, without whitespace or line breaks
     * @return the decoded bytes
     * @throws EncodingException on any other spelling
     */
    public static byte[] fromBase64(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() % 4 != 0) {
            throw new EncodingException("base64 length is not a multiple of 4");
        }
        int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
        byte[] decoded = decode(text, Base64.getDecoder(), "base64");
        requireZeroTrailingBits(text, text.length() - padding, '+', '/', "base64");
        return decoded;
    }

    /**
     * Decodes a value a person may paste in either spelling: RFC 4648 §5 base64url without padding
     * (as Missive prints key hashes and puts them in URIs) or §4 base64 with padding (as earlier
     * releases printed them). Each spelling is checked as strictly as {@link #fromBase64Url} and
     * {@link #fromBase64} check it.
     *
     * @param text the encoded value
     * @return the decoded bytes
     * @throws EncodingException if {@code text} is neither
     */
    public static byte[] fromBase64OrBase64Url(String text) {
        Objects.requireNonNull(text, "text");
        boolean standard = text.endsWith("=") || text.indexOf('+') >= 0 || text.indexOf('/') >= 0;
        return standard ? fromBase64(text) : fromBase64Url(text);
    }

    /**
     * RFC 4648 §5 base64url without padding.
     *
     * @param bytes the bytes to encode
     * @return the unpadded base64url text
     */
    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Decodes RFC 4648 §5 base64url without padding, requiring zero trailing bits.
     *
     * @param text the unpadded base64url text
     * @return the decoded bytes
     * @throws EncodingException on {@code + / =}, whitespace, or a non-canonical final character
     */
    public static byte[] fromBase64Url(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() % 4 == 1) {
            throw new EncodingException("base64url length is impossible");
        }
        // The JDK decoder takes '=' only as correct padding at the end, so this refuses it everywhere.
        if (text.endsWith("=")) {
            throw new EncodingException("base64url must not be padded");
        }
        byte[] decoded = decode(text, Base64.getUrlDecoder(), "base64url");
        requireZeroTrailingBits(text, text.length(), '-', '_', "base64url");
        return decoded;
    }

    /**
     * The JDK decoder tolerates non-zero unused bits in the last character of a partial final group
     * (2 characters carry 12 bits for 1 byte, 3 carry 18 bits for 2 bytes); a canonical encoder writes
     * them as zero. {@code end} is the length without padding; the text has already decoded, so its
     * characters are in the alphabet.
     */
    private static void requireZeroTrailingBits(String text, int end, char plus, char slash, String name) {
        int unusedBitsMask = switch (end % 4) {
            case 2 -> 0x0f;
            case 3 -> 0x03;
            default -> 0; // whole groups (or nothing): no unused bits
        };
        if (unusedBitsMask != 0 && (sextet(text.charAt(end - 1), plus, slash) & unusedBitsMask) != 0) {
            throw new EncodingException(name + " is not canonical");
        }
    }

    /** The 6-bit value of a base64 alphabet character. */
    private static int sextet(char c, char plus, char slash) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == plus ? 62 : c == slash ? 63 : 0;
    }

    /**
     * The JDK's basic and URL decoders refuse every character outside their alphabet (whitespace, the
     * other alphabet's two characters, non-ASCII) and padding anywhere but a correct final unit.
     */
    private static byte[] decode(String text, Base64.Decoder decoder, String name) {
        try {
            return decoder.decode(text);
        } catch (IllegalArgumentException e) {
            throw new EncodingException(name + " is malformed");
        }
    }

    /**
     * PEM armour (RFC 7468): {@code -----BEGIN label-----}, base64 in 64-character lines, {@code
     * -----END label-----}, each line ending in {@code \n}.
     *
     * @param label the RFC 7468 label, e.g. {@code PUBLIC KEY} or {@code PRIVATE KEY}
     * @param der the non-empty body, usually DER
     * @return the armoured text
     * @throws IllegalArgumentException if {@code label} is not a valid RFC 7468 label or {@code der} is
     *     empty (which {@link #fromPem} would reject)
     */
    public static String pem(String label, byte[] der) {
        requireLabel(label);
        if (der.length == 0) {
            throw new IllegalArgumentException("PEM needs a non-empty body");
        }
        StringBuilder out = new StringBuilder(der.length * 4 / 3 + 64);
        out.append("-----BEGIN ").append(label).append("-----\n");
        out.append(PEM_BODY_ENCODER.encodeToString(der)).append('\n');
        out.append("-----END ").append(label).append("-----\n");
        return out.toString();
    }

    /**
     * Decodes one PEM block with the given label. Surrounding whitespace and {@code \r\n} line ends are
     * accepted, lines may have any length, but text outside the block, headers, mismatched labels,
     * an empty body or non-canonical base64 are not.
     *
     * @param label the label that both the BEGIN and the END line must carry
     * @param pem the armoured text
     * @return the decoded body, never empty
     * @throws EncodingException if the armour or the body is malformed
     */
    public static byte[] fromPem(String label, String pem) {
        requireLabel(label);
        Objects.requireNonNull(pem, "pem");
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        String[] lines = pem.strip().split("\r?\n", -1);
        if (lines.length < 3 || !lines[0].equals(begin) || !lines[lines.length - 1].equals(end)) {
            throw new EncodingException("PEM armour is missing or has another label");
        }
        StringBuilder body = new StringBuilder();
        for (String line : Arrays.asList(lines).subList(1, lines.length - 1)) {
            body.append(line);
        }
        byte[] der = fromBase64(body.toString());
        if (der.length == 0) {
            throw new EncodingException("PEM body is empty");
        }
        return der;
    }

    private static void requireLabel(String label) {
        Objects.requireNonNull(label, "label");
        if (!PEM_LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("not a valid PEM label");
        }
    }
}
