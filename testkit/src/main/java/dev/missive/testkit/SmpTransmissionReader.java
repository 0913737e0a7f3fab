package dev.missive.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Splits a byte stream (either direction) into {@link SmpTransmission}s: three lines ended by LF (a
 * CR before it is dropped), a body of {@code n} bytes after {@code SEND <n>} or
 * {@code MSG <id> <ts> <n>}, and the one line break that ends it. Deliberately independent of the
 * engine's own decoder, so a conformance check does not see the wire through the code under test.
 * A line longer than the line cap, or a body larger than the body cap, is reported as an
 * {@link SmpTransmission} whose command is {@code <oversized>} and ends the stream's usefulness: the
 * reader then ignores the rest.
 */
public final class SmpTransmissionReader {

    /** The command of the marker transmission emitted when a cap is exceeded. */
    public static final String OVERSIZED = "<oversized>";

    private static final Pattern SIZED = Pattern.compile("(SEND|MSG \\S+ \\S+) (\\d{1,9})");

    private final Consumer<SmpTransmission> out;
    private final int maxLine;
    private final int maxBody;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final String[] lines = new String[3];
    private int lineIndex;
    /** The body being filled, or null when reading lines. */
    private byte[] body;

    private int bodyFilled;
    /** A complete body waiting for the line break that ends its transmission, or null. */
    private byte[] completeBody;

    private boolean broken;

    /**
     * A reader that hands each complete transmission to {@code out}.
     *
     * @param out     receives transmissions, on the thread that calls {@link #accept}
     * @param maxLine the longest line accepted, in bytes
     * @param maxBody the largest body accepted, in bytes
     */
    public SmpTransmissionReader(Consumer<SmpTransmission> out, int maxLine, int maxBody) {
        this.out = Objects.requireNonNull(out, "out");
        this.maxLine = maxLine;
        this.maxBody = maxBody;
    }

    /**
     * Feeds bytes.
     *
     * @param bytes the buffer
     * @param off   the first byte
     * @param len   how many bytes
     */
    public void accept(byte[] bytes, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && !broken) {
            if (body != null) {
                int n = Math.min(end - i, body.length - bodyFilled);
                System.arraycopy(bytes, i, body, bodyFilled, n);
                bodyFilled += n;
                i += n;
                if (bodyFilled == body.length) {
                    completeBody = body;
                    body = null;
                }
                continue;
            }
            byte b = bytes[i++];
            if (b == '\n') {
                byte[] raw = line.toByteArray();
                line.reset();
                int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                onLine(new String(raw, 0, length, StandardCharsets.ISO_8859_1));
            } else if (line.size() >= maxLine) {
                oversized();
            } else {
                line.write(b);
            }
        }
    }

    private void onLine(String text) {
        if (completeBody != null) {
            // The line break that ends a body transmission (a conformance check looks at the bytes
            // before it through the reply that follows, not here).
            out.accept(new SmpTransmission(lines[0], lines[1], lines[2], completeBody));
            completeBody = null;
            return;
        }
        lines[lineIndex++] = text;
        if (lineIndex < 3) {
            return;
        }
        lineIndex = 0;
        var sized = SIZED.matcher(text);
        if (!sized.matches()) {
            out.accept(new SmpTransmission(lines[0], lines[1], text, null));
            return;
        }
        int size = Integer.parseInt(sized.group(2));
        if (size > maxBody) {
            oversized();
        } else if (size == 0) {
            completeBody = new byte[0];
        } else {
            body = new byte[size];
            bodyFilled = 0;
        }
    }

    private void oversized() {
        broken = true;
        out.accept(new SmpTransmission("", "", OVERSIZED, null));
    }
}
