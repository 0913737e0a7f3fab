package dev.missive.smp.wire;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import java.nio.charset.StandardCharsets;

/**
 * Interprets a framed server transmission on the client side. A malformed transmission becomes an
 * {@link SmpException} with the nearest seed error kind ({@code SYNTAX 1} for bad base64,
 * {@code SYNTAX 2} for a bad parameter, {@code UNKNOWN} for an unknown keyword, {@code SIZE} for
 * framing problems, {@code PROHIBITED} for a signed server transmission).
 */
public final class ServerMessageParser {

    private ServerMessageParser() {}

    /**
     * Interprets {@code frame}.
     *
     * @param frame a transmission split by the decoder
     * @return the transmission
     * @throws SmpException if the transmission is malformed or signed, with the nearest error kind
     */
    public static ServerTransmission parse(Frame frame) throws SmpException {
        if (frame.framingError() != null) {
            throw new SmpException(frame.framingError(), "server transmission framing");
        }
        if (frame.signatureLine().length != 0) {
            throw new SmpException(SmpError.PROHIBITED, "signed server transmission");
        }
        QueueId queueId = null;
        if (frame.connIdLine().length != 0) {
            byte[] id = Base64Fields.decodeOrNull(frame.connIdLine());
            if (id == null || id.length == 0) {
                throw new SmpException(SmpError.SYNTAX_1, "connId");
            }
            queueId = QueueId.of(id);
        }
        String line = new String(frame.commandLine(), StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ", -1);
        ServerMessage message = switch (parts[0]) {
            case "IDS" -> {
                expect(parts, 3);
                yield new ServerMessage.Ids(QueueId.of(base64(parts[1])), QueueId.of(base64(parts[2])));
            }
            case "MSG" -> {
                expect(parts, 4);
                if (frame.body() == null) {
                    throw new SmpException(SmpError.SYNTAX_6, "MSG without a sized body");
                }
                try {
                    yield new ServerMessage.Msg(base64(parts[1]), Timestamps.parse(parts[2]), frame.body());
                } catch (IllegalArgumentException e) {
                    throw new SmpException(SmpError.SYNTAX_2, "MSG timestamp");
                }
            }
            case "END" -> {
                expect(parts, 1);
                yield new ServerMessage.End();
            }
            case "OK" -> {
                expect(parts, 1);
                yield new ServerMessage.Ok();
            }
            case "ERR" -> {
                if (parts.length < 2) {
                    throw new SmpException(SmpError.SYNTAX_2, "ERR without type");
                }
                try {
                    yield new ServerMessage.Err(SmpError.ofType(line.substring(4)));
                } catch (IllegalArgumentException e) {
                    throw new SmpException(SmpError.SYNTAX_2, "unknown error type");
                }
            }
            default -> throw new SmpException(SmpError.UNKNOWN, "server message keyword");
        };
        return new ServerTransmission(queueId, message);
    }

    private static void expect(String[] parts, int count) throws SmpException {
        if (parts.length != count) {
            throw new SmpException(SmpError.SYNTAX_2, parts[0] + " parameters");
        }
    }

    private static byte[] base64(String text) throws SmpException {
        byte[] bytes = Base64Fields.decodeOrNull(text);
        if (bytes == null || bytes.length == 0) {
            throw new SmpException(SmpError.SYNTAX_2, "base64 parameter");
        }
        return bytes;
    }
}
