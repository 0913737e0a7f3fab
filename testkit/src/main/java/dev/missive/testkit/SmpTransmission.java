package dev.missive.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One SMP seed-dialect transmission as it was on the wire: signature line, connId line, command line
 * and, for {@code SEND <n>} or {@code MSG <id> <ts> <n>}, the body. Lines are kept as received (base64
 * text), without their line break.
 *
 * @param signature the signature line (empty when unsigned)
 * @param connId    the connId line (empty when absent)
 * @param command   the command line, e.g. {@code SEND 5} or {@code ERR AUTH}
 * @param body      the binary body, or null when the command has none
 */
public record SmpTransmission(String signature, String connId, String command, byte[] body) {

    private static final byte[] CRLF = {'\r', '\n'};

    /** Validates the lines and copies the body. */
    public SmpTransmission {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(connId, "connId");
        Objects.requireNonNull(command, "command");
        body = body == null ? null : body.clone();
    }

    /**
     * A copy of the body, or null.
     *
     * @return the body bytes
     */
    @Override
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /**
     * The first word of the command line, e.g. {@code MSG}.
     *
     * @return the keyword
     */
    public String keyword() {
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    /**
     * The bytes of this transmission: the three lines and the body, each ended by CRLF (one CRLF
     * after a body, as the seed dialect frames it).
     *
     * @return the wire bytes
     */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(signature.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
        out.writeBytes(connId.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
        out.writeBytes(command.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
        if (body != null) {
            out.writeBytes(body);
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SmpTransmission that
                && signature.equals(that.signature)
                && connId.equals(that.connId)
                && command.equals(that.command)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signature, connId, command, Arrays.hashCode(body));
    }

    /** Shows the lines and the body's length, never the body (it may be a secret). */
    @Override
    public String toString() {
        return "[" + signature + "|" + connId + "|" + command + (body == null ? "" : "|" + body.length + " bytes")
                + "]";
    }
}
