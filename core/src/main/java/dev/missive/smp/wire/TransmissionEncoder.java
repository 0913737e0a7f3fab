package dev.missive.smp.wire;

import dev.missive.smp.model.QueueId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes transmissions of the seed dialect in both directions. Lines end with CRLF, and exactly
 * one CRLF follows a binary body.
 */
public final class TransmissionEncoder {

    private static final byte[] CRLF = {'\r', '\n'};

    private TransmissionEncoder() {}

    /**
     * The part of a client transmission a signature covers: connId line, CRLF, command line and,
     * for a binary {@code SEND}, CRLF and the body (no trailing CRLF).
     *
     * @param queueId the connId, null for {@code CONN}
     * @param command the command
     * @return the bytes to sign
     */
    public static byte[] signedPart(QueueId queueId, Command command) {
        return signedPart(queueId, command.line(), command.binaryBody());
    }

    /**
     * A complete client transmission: signature line (empty when {@code signature} is empty), CRLF,
     * signed part, CRLF.
     *
     * @param signature the signature, or an empty array for an unsigned transmission
     * @param signedPart the bytes {@link #signedPart} returned
     * @return the transmission
     */
    public static byte[] command(byte[] signature, byte[] signedPart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(signedPart.length + signature.length * 4 / 3 + 8);
        if (signature.length > 0) {
            out.writeBytes(Base64Fields.encode(signature).getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(CRLF);
        out.writeBytes(signedPart);
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /**
     * A complete unsigned client transmission.
     *
     * @param queueId the connId, or {@code null} for {@code CONN}
     * @param command the command
     * @return the transmission
     */
    public static byte[] command(QueueId queueId, Command command) {
        return command(new byte[0], signedPart(queueId, command));
    }

    /**
     * A complete server transmission (empty signature line).
     *
     * @param transmission the server's reply or push
     * @return the transmission
     */
    public static byte[] server(ServerTransmission transmission) {
        return command(
                new byte[0],
                signedPart(
                        transmission.queueId(),
                        transmission.message().line(),
                        transmission.message().binaryBody()));
    }

    /**
     * A complete server transmission (empty signature line).
     *
     * @param queueId the connId, or {@code null}
     * @param message the reply or push
     * @return the transmission
     */
    public static byte[] server(QueueId queueId, ServerMessage message) {
        return server(new ServerTransmission(queueId, message));
    }

    private static byte[] signedPart(QueueId queueId, String line, byte[] body) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(line.length() + 32 + (body == null ? 0 : body.length + 2));
        if (queueId != null) {
            out.writeBytes(queueId.base64().getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(CRLF);
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(CRLF);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
