package dev.missive.smp.wire;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interprets a framed client transmission (seed dialect, {@code NEW} accepted as an alias of
 * {@code CONN}, keys also with the 2021 {@code rsa:} prefix). Checks, in this order: framing
 * ({@code SIZE}), base64 of signature and connId ({@code SYNTAX 1}), the command line
 * ({@code UNKNOWN}, {@code PROHIBITED}, {@code SYNTAX 2}, {@code SYNTAX 6}), then which of
 * signature and connId must or must not be present ({@code SYNTAX 3}, {@code 4}, {@code 5}); a
 * {@code SEND} without connId is {@code SYNTAX 5} even when its body is bad.
 */
public final class CommandParser {

    private final boolean ackWithMsgId;

    /**
     * A parser for one server connection.
     *
     * @param ackWithMsgId accept the {@code ACK <msgId>} extension (otherwise it is {@code SYNTAX 2})
     */
    public CommandParser(boolean ackWithMsgId) {
        this.ackWithMsgId = ackWithMsgId;
    }

    /**
     * Interprets {@code frame}. Never throws for any input.
     *
     * @param frame a transmission split by the decoder
     * @return the command, or the error to answer it with
     */
    public DecodedCommand parse(Frame frame) {
        byte[] connId = frame.connIdLine().length == 0 ? null : Base64Fields.decodeOrNull(frame.connIdLine());
        QueueId queueId = connId == null || connId.length == 0 ? null : QueueId.of(connId);
        if (frame.framingError() != null) {
            return new DecodedCommand.Invalid(queueId, frame.framingError());
        }
        byte[] signature =
                frame.signatureLine().length == 0 ? new byte[0] : Base64Fields.decodeOrNull(frame.signatureLine());
        if (signature == null || frame.connIdLine().length > 0 && queueId == null) {
            return new DecodedCommand.Invalid(queueId, SmpError.SYNTAX_1);
        }
        Command command;
        try {
            command = parseCommandLine(frame.commandLine(), frame.body());
        } catch (CommandError e) {
            // A bad SEND body is checked after the credentials, as the 2020 reference does: a SEND
            // without connId is SYNTAX 5 whatever its body.
            boolean sendWithoutQueue = e.error == SmpError.SYNTAX_6 && queueId == null;
            return new DecodedCommand.Invalid(queueId, sendWithoutQueue ? SmpError.SYNTAX_5 : e.error);
        }
        SmpError credentials = checkCredentials(command, signature.length > 0, queueId != null);
        if (credentials != null) {
            return new DecodedCommand.Invalid(queueId, credentials);
        }
        return new DecodedCommand.Valid(new Transmission(signature, queueId, command, frame.signedBytes()));
    }

    private static SmpError checkCredentials(Command command, boolean signed, boolean hasQueueId) {
        return switch (command) {
            case Command.Create c -> signed || hasQueueId ? SmpError.SYNTAX_4 : null;
            case Command.Send s -> hasQueueId ? null : SmpError.SYNTAX_5;
            default -> signed && hasQueueId ? null : SmpError.SYNTAX_3;
        };
    }

    private static final class CommandError extends Exception {
        private static final long serialVersionUID = 1L;
        final transient SmpError error;

        CommandError(SmpError error) {
            super(error.wireText(), null, false, false);
            this.error = error;
        }
    }

    private Command parseCommandLine(byte[] line, byte[] body) throws CommandError {
        int space = indexOf(line, (byte) ' ');
        String keyword = new String(line, 0, space < 0 ? line.length : space, StandardCharsets.ISO_8859_1);
        byte[] rest = space < 0 ? null : Arrays.copyOfRange(line, space + 1, line.length);
        return switch (keyword) {
            case "CONN", "NEW" -> new Command.Create(key(rest));
            case "KEY" -> new Command.Secure(key(rest));
            case "SUB" -> noParameters(rest, new Command.Subscribe());
            case "OFF" -> noParameters(rest, new Command.Suspend());
            case "DEL" -> noParameters(rest, new Command.Delete());
            case "ACK" -> acknowledge(rest);
            case "SEND" -> send(rest, body);
            case "IDS", "MSG", "END", "OK", "ERR" -> throw new CommandError(SmpError.PROHIBITED);
            default -> throw new CommandError(SmpError.UNKNOWN);
        };
    }

    private static Command noParameters(byte[] rest, Command command) throws CommandError {
        if (rest != null) {
            throw new CommandError(SmpError.SYNTAX_2);
        }
        return command;
    }

    private Command acknowledge(byte[] rest) throws CommandError {
        if (rest == null) {
            return new Command.Acknowledge();
        }
        if (!ackWithMsgId) {
            throw new CommandError(SmpError.SYNTAX_2);
        }
        byte[] msgId = Base64Fields.decodeOrNull(rest);
        if (msgId == null || msgId.length == 0) {
            throw new CommandError(SmpError.SYNTAX_2);
        }
        return new Command.Acknowledge(msgId);
    }

    /** A key parameter: base64 of the key bytes, optionally after the 2021 {@code rsa:} prefix. */
    private static byte[] key(byte[] rest) throws CommandError {
        if (rest == null || rest.length == 0 || indexOf(rest, (byte) ' ') >= 0) {
            throw new CommandError(SmpError.SYNTAX_2);
        }
        byte[] text = TransmissionDecoder.startsWith(rest, "rsa:") ? Arrays.copyOfRange(rest, 4, rest.length) : rest;
        byte[] key = Base64Fields.decodeOrNull(text);
        if (key == null || key.length == 0) {
            throw new CommandError(SmpError.SYNTAX_2);
        }
        return key;
    }

    private static Command send(byte[] rest, byte[] body) throws CommandError {
        if (rest == null || rest.length == 0) {
            throw new CommandError(SmpError.SYNTAX_2);
        }
        if (rest[0] == ':') {
            byte[] text = Arrays.copyOfRange(rest, 1, rest.length);
            if (!Command.Send.isText(text)) {
                throw new CommandError(SmpError.SYNTAX_6);
            }
            return new Command.Send(text, true);
        }
        if (body != null) {
            return new Command.Send(body, false);
        }
        // Neither ":text" nor a decimal size, extra words included ("SEND 11 hello"): the 2020
        // reference server answers SYNTAX 6 (its tests/Test.hs "bad message body 1").
        throw new CommandError(SmpError.SYNTAX_6);
    }

    static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
