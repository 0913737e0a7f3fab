package dev.missive.osms.wire;

import java.util.Base64;

/**
 * Classifies OTR wire strings without decrypting them: the server relays user-to-user messages
 * opaquely but must tell the AKE and queries (allowed between strangers) from data messages (only
 * between users who authorized each other), and must check each login step's message type.
 */
public final class OtrMessages {

    /** D-H Commit message type. */
    public static final int DH_COMMIT = 0x02;

    /** Data message type. */
    public static final int DATA = 0x03;

    /** D-H Key message type. */
    public static final int DH_KEY = 0x0a;

    /** Reveal Signature message type. */
    public static final int REVEAL_SIGNATURE = 0x11;

    /** Signature message type. */
    public static final int SIGNATURE = 0x12;

    /** Returned by {@link #encodedType} for anything that is not a well-formed v2/v3 encoded message. */
    public static final int NOT_ENCODED = -1;

    private OtrMessages() {}

    /**
     * Whether the text is an OTR message at all: a query ({@code ?OTRv...?}), an encoded message
     * ({@code ?OTR:...}), a fragment ({@code ?OTR|} or {@code ?OTR,}) or an error ({@code ?OTR Error:}).
     *
     * @param text the text
     * @return true if it starts like one of those
     */
    public static boolean isOtr(String text) {
        return text.startsWith("?OTR:")
                || text.startsWith("?OTRv")
                || text.startsWith("?OTR|")
                || text.startsWith("?OTR,")
                || text.startsWith("?OTR Error:");
    }

    /**
     * Whether the text is a query message offering OTR v2 or v3 ({@code ?OTRv23?}, {@code ?OTRv3?},
     * {@code ?OTRv2?}, optionally followed by human-readable text).
     *
     * @param text the text
     * @return true for such a query
     */
    public static boolean isQuery(String text) {
        if (!text.startsWith("?OTRv")) {
            return false;
        }
        int end = text.indexOf('?', 5);
        if (end < 0) {
            return false;
        }
        String versions = text.substring(5, end);
        return versions.chars().allMatch(Character::isLetterOrDigit)
                && (versions.indexOf('2') >= 0 || versions.indexOf('3') >= 0);
    }

    /**
     * The message type byte of an encoded v2 or v3 message ({@code ?OTR:} base64 {@code .}).
     *
     * @param text the text
     * @return the type, or {@link #NOT_ENCODED}
     */
    public static int encodedType(String text) {
        if (!text.startsWith("?OTR:") || !text.endsWith(".") || text.length() < 10) {
            return NOT_ENCODED;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.substring(5, text.length() - 1));
        } catch (IllegalArgumentException e) {
            return NOT_ENCODED;
        }
        if (bytes.length < 3 || bytes[0] != 0 || (bytes[1] != 2 && bytes[1] != 3)) {
            return NOT_ENCODED;
        }
        // v3 messages carry two 4-byte instance tags after the type.
        if (bytes[1] == 3 && bytes.length < 11) {
            return NOT_ENCODED;
        }
        return bytes[2] & 0xff;
    }

    /**
     * Whether the text is a complete OTR message of a kind OSMS carries: a query offering v2 or v3,
     * or a v2/v3 encoded message whose fields all parse to the end (D-H Commit, D-H Key, Reveal
     * Signature, Signature, Data). Truncated, padded, fragmented and error messages are not.
     *
     * @param text the text
     * @return true if well-formed
     */
    public static boolean isWellFormed(String text) {
        if (isQuery(text)) {
            return true;
        }
        if (encodedType(text) == NOT_ENCODED) {
            return false;
        }
        byte[] b = Base64.getDecoder().decode(text.substring(5, text.length() - 1));
        int[] at = {b[1] == 3 ? 11 : 3};
        try {
            switch (b[2] & 0xff) {
                case DH_COMMIT -> {
                    data(b, at);
                    if (data(b, at) != 32) {
                        return false;
                    }
                }
                case DH_KEY -> data(b, at);
                case REVEAL_SIGNATURE -> {
                    data(b, at);
                    data(b, at);
                    skip(b, at, 20);
                }
                case SIGNATURE -> {
                    data(b, at);
                    skip(b, at, 20);
                }
                case DATA -> {
                    skip(b, at, 1 + 4 + 4);
                    data(b, at);
                    skip(b, at, 8);
                    data(b, at);
                    skip(b, at, 20);
                    data(b, at);
                }
                default -> {
                    return false;
                }
            }
        } catch (IndexOutOfBoundsException e) {
            return false;
        }
        return at[0] == b.length;
    }

    /** Skips a DATA or MPI field (4-byte length + bytes) and returns its length. */
    private static int data(byte[] b, int[] at) {
        int i = at[0];
        if (b.length - i < 4) {
            throw new IndexOutOfBoundsException();
        }
        long n = ((b[i] & 0xffL) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
        if (n > b.length - i - 4) {
            throw new IndexOutOfBoundsException();
        }
        at[0] = i + 4 + (int) n;
        return (int) n;
    }

    private static void skip(byte[] b, int[] at, int n) {
        if (b.length - at[0] < n) {
            throw new IndexOutOfBoundsException();
        }
        at[0] += n;
    }

    /**
     * Whether a message may be relayed between users who have not authorized each other: queries and
     * the four AKE messages (everything else, data and fragments included, needs mutual consent).
     *
     * @param text the OTR message
     * @return true for a query or an AKE message
     */
    public static boolean isHandshake(String text) {
        if (isQuery(text)) {
            return true;
        }
        int type = encodedType(text);
        return type == DH_COMMIT || type == DH_KEY || type == REVEAL_SIGNATURE || type == SIGNATURE;
    }

    /**
     * Decodes a body as printable ASCII (OTR messages are ASCII on the wire), allowing line ends.
     *
     * @param body the bytes
     * @return the text, or null if any byte is outside printable ASCII, CR or LF
     */
    public static String strictAscii(byte[] body) {
        char[] chars = new char[body.length];
        for (int i = 0; i < body.length; i++) {
            int b = body[i] & 0xff;
            if ((b < 0x20 || b > 0x7e) && b != '\r' && b != '\n' && b != '\t') {
                return null;
            }
            chars[i] = (char) b;
        }
        return new String(chars);
    }
}
