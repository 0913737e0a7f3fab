package dev.missive.smp.wire;

import dev.missive.smp.model.SmpError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental framer for the seed dialect: feed it byte chunks as they arrive, get back every
 * transmission completed by them. The frames are the same however the stream is split.
 *
 * <p>A transmission is three lines (signature, connId, command) plus, when the command line
 * announces a sized body ({@code SEND <n>} towards the server, {@code MSG <id> <ts> <n>} towards
 * the client), exactly {@code n} body bytes followed by one empty line. Lines end with CRLF; a
 * bare LF is accepted too (like the 2020 reference server), and the signed bytes are always the
 * bytes as received.
 *
 * <p>Limits: a line longer than {@code maxLineLength} is discarded up to its end and the frame is
 * marked {@link SmpError#SIZE}; a body over {@code maxBodySize} is skipped without being buffered
 * and the frame is marked {@link SmpError#SIZE}; a non-empty line after a body also gives
 * {@link SmpError#SIZE}. In each case the decoder stays in step with the transmission structure,
 * so it resynchronises at the next transmission. Not thread-safe: one decoder per connection.
 */
public final class TransmissionDecoder {

    /** Which party's transmissions are decoded; decides which command lines announce a body. */
    public enum Direction {
        /** Client commands read by a server ({@code SEND <n>} has a body). */
        TO_SERVER,
        /** Server messages read by a client ({@code MSG <id> <ts> <n>} has a body). */
        TO_CLIENT
    }

    /** Most digits accepted in a body size; larger sizes cannot be skipped and are refused. */
    private static final int MAX_SIZE_DIGITS = 18;

    private enum State {
        SIGNATURE,
        CONN_ID,
        COMMAND,
        BODY,
        SKIP_BODY,
        BODY_END
    }

    private final Direction direction;
    private final int maxLineLength;
    private final int maxBodySize;

    private State state = State.SIGNATURE;
    private byte[] line = new byte[128];
    private int lineLength;
    private boolean lineOverflow;

    private byte[] signatureLine;
    private byte[] connIdLine;
    private int connIdTerminator;
    private byte[] commandLine;
    private int commandTerminator;
    private byte[] body;
    private int bodyFilled;
    private long skipRemaining;
    private SmpError framingError;

    /**
     * A decoder for one direction of one connection.
     *
     * @param direction     whose transmissions are decoded
     * @param maxLineLength longest accepted line in bytes, without its line break
     * @param maxBodySize   largest accepted sized body in bytes
     */
    public TransmissionDecoder(Direction direction, int maxLineLength, int maxBodySize) {
        if (maxLineLength < 16 || maxBodySize < 0) {
            throw new IllegalArgumentException("limits too small");
        }
        this.direction = direction;
        this.maxLineLength = maxLineLength;
        this.maxBodySize = maxBodySize;
    }

    /**
     * Feeds all of {@code bytes}.
     *
     * @param bytes the received bytes
     * @return the frames completed, possibly none
     */
    public List<Frame> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /**
     * Feeds {@code len} bytes of {@code buf} from {@code off}; returns the frames they completed.
     *
     * @param buf the buffer holding the bytes
     * @param off where the new bytes start in {@code buf}
     * @param len how many bytes
     * @return the frames completed, possibly none
     */
    public List<Frame> feed(byte[] buf, int off, int len) {
        List<Frame> frames = new ArrayList<>(1);
        int i = off;
        int end = off + len;
        while (i < end) {
            switch (state) {
                case BODY -> {
                    int n = Math.min(end - i, body.length - bodyFilled);
                    System.arraycopy(buf, i, body, bodyFilled, n);
                    bodyFilled += n;
                    i += n;
                    if (bodyFilled == body.length) {
                        state = State.BODY_END;
                    }
                }
                case SKIP_BODY -> {
                    int n = (int) Math.min(end - i, skipRemaining);
                    skipRemaining -= n;
                    i += n;
                    if (skipRemaining == 0) {
                        state = State.BODY_END;
                    }
                }
                default -> {
                    int lf = indexOfLf(buf, i, end);
                    int stop = lf < 0 ? end : lf;
                    append(buf, i, stop - i);
                    i = stop;
                    if (lf >= 0) {
                        i++;
                        Frame frame = endOfLine();
                        if (frame != null) {
                            frames.add(frame);
                        }
                    }
                }
            }
        }
        return frames;
    }

    private static int indexOfLf(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] buf, int off, int n) {
        if (lineOverflow || n == 0) {
            return;
        }
        // One more byte than the cap is kept for a CR that may precede the LF.
        if (lineLength + n > maxLineLength + 1) {
            lineOverflow = true;
            lineLength = 0;
            return;
        }
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, Math.min(Math.max(line.length * 2, lineLength + n), maxLineLength + 1));
        }
        System.arraycopy(buf, off, line, lineLength, n);
        lineLength += n;
    }

    /** Handles a completed line; returns a frame if it completed a transmission. */
    private Frame endOfLine() {
        int terminator = 1;
        int contentLength = lineLength;
        if (contentLength > 0 && line[contentLength - 1] == '\r') {
            contentLength--;
            terminator = 2;
        }
        boolean tooLong = lineOverflow || contentLength > maxLineLength;
        byte[] content = tooLong ? new byte[0] : Arrays.copyOf(line, contentLength);
        lineLength = 0;
        lineOverflow = false;
        if (line.length > 4096) {
            line = new byte[128]; // do not keep a large buffer per idle connection
        }
        if (tooLong) {
            fail(SmpError.SIZE);
        }
        switch (state) {
            case SIGNATURE -> {
                signatureLine = content;
                state = State.CONN_ID;
                return null;
            }
            case CONN_ID -> {
                connIdLine = content;
                connIdTerminator = terminator;
                state = State.COMMAND;
                return null;
            }
            case COMMAND -> {
                commandLine = content;
                commandTerminator = terminator;
                return tooLong ? complete(0) : startBody(terminator);
            }
            case BODY_END -> {
                if (content.length != 0) {
                    fail(SmpError.SIZE);
                }
                return complete(commandTerminator);
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private Frame startBody(int terminator) {
        long size = announcedBodySize(commandLine);
        if (size < 0) {
            return complete(0);
        }
        if (size == Long.MAX_VALUE) {
            // More digits than any real body: nothing can be skipped, treat as a three-line transmission.
            fail(SmpError.SIZE);
            return complete(0);
        }
        if (size > maxBodySize) {
            fail(SmpError.SIZE);
            skipRemaining = size;
            body = null;
            state = size == 0 ? State.BODY_END : State.SKIP_BODY;
            return null;
        }
        body = new byte[(int) size];
        bodyFilled = 0;
        state = size == 0 ? State.BODY_END : State.BODY;
        return null;
    }

    /**
     * The size the command line announces, -1 if it announces none, {@link Long#MAX_VALUE} if the
     * size has too many digits.
     */
    private long announcedBodySize(byte[] cmd) {
        int sizeStart;
        if (direction == Direction.TO_SERVER) {
            if (!startsWith(cmd, "SEND ") || cmd.length == 5) {
                return -1;
            }
            sizeStart = 5;
        } else {
            if (!startsWith(cmd, "MSG ")) {
                return -1;
            }
            int spaces = 0;
            sizeStart = -1;
            for (int i = 0; i < cmd.length; i++) {
                if (cmd[i] == ' ' && ++spaces == 3) {
                    sizeStart = i + 1;
                    break;
                }
            }
            if (sizeStart < 0 || sizeStart == cmd.length) {
                return -1;
            }
        }
        for (int i = sizeStart; i < cmd.length; i++) {
            if (cmd[i] < '0' || cmd[i] > '9') {
                return -1;
            }
        }
        if (cmd.length - sizeStart > MAX_SIZE_DIGITS) {
            return Long.MAX_VALUE;
        }
        return Long.parseLong(new String(cmd, sizeStart, cmd.length - sizeStart, StandardCharsets.US_ASCII));
    }

    static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void fail(SmpError error) {
        if (framingError == null) {
            framingError = error;
        }
    }

    /** Builds the frame; {@code bodyTerminator} is the line break between command line and body. */
    private Frame complete(int bodyTerminator) {
        byte[] frameBody = state == State.BODY_END ? body : null;
        int bodyLength = frameBody == null ? 0 : frameBody.length;
        int signedLength = connIdLine.length
                + connIdTerminator
                + commandLine.length
                + (frameBody == null ? 0 : bodyTerminator + bodyLength);
        byte[] signed = new byte[signedLength];
        int p = 0;
        System.arraycopy(connIdLine, 0, signed, p, connIdLine.length);
        p += connIdLine.length;
        p = putTerminator(signed, p, connIdTerminator);
        System.arraycopy(commandLine, 0, signed, p, commandLine.length);
        p += commandLine.length;
        if (frameBody != null) {
            p = putTerminator(signed, p, bodyTerminator);
            System.arraycopy(frameBody, 0, signed, p, bodyLength);
        }
        boolean skipped = state == State.BODY_END && body == null;
        Frame frame =
                new Frame(signatureLine, connIdLine, commandLine, skipped ? null : frameBody, signed, framingError);
        state = State.SIGNATURE;
        signatureLine = null;
        connIdLine = null;
        commandLine = null;
        body = null;
        bodyFilled = 0;
        framingError = null;
        return frame;
    }

    private static int putTerminator(byte[] out, int p, int terminator) {
        if (terminator == 2) {
            out[p++] = '\r';
        }
        out[p++] = '\n';
        return p;
    }
}
