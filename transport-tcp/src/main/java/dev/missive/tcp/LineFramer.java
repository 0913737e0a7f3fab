package dev.missive.tcp;

import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a byte stream into LF-terminated lines (a CR before the LF is dropped) of at most
 * {@code maxLineBytes} bytes each, for line protocols such as EMSG's ESMP (one JSON object per line).
 * It holds only the line being assembled, grown as needed up to the limit, so an idle connection
 * costs a few bytes. Once a line exceeds the limit it reports that once and ignores the rest of
 * the stream: the protocol answers with an error and closes. Not thread-safe: one per connection,
 * fed by its reader.
 */
public final class LineFramer implements ByteSink {

    /** Receives what the framer finds. */
    public interface Lines {

        /**
         * One complete line, without its terminator; the array is the caller's to keep.
         *
         * @param line the line's bytes
         */
        void line(byte[] line);

        /**
         * The current line went past the limit; no more lines follow.
         *
         * @param maxLineBytes the limit it went past
         */
        void oversize(int maxLineBytes);
    }

    private static final byte[] EMPTY = new byte[0];

    private final int maxLineBytes;
    private final Lines lines;
    private byte[] buffer = EMPTY;
    private int length;
    private boolean overflowed;

    /**
     * A framer that passes lines of at most {@code maxLineBytes} bytes to {@code lines}.
     *
     * @param maxLineBytes the longest line accepted, terminator excluded
     * @param lines where lines go
     */
    public LineFramer(int maxLineBytes, Lines lines) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.maxLineBytes = maxLineBytes;
        this.lines = Objects.requireNonNull(lines, "lines");
    }

    /**
     * Whether a line went past the limit (everything after it is ignored).
     *
     * @return true once a line exceeded the limit
     */
    public boolean overflowed() {
        return overflowed;
    }

    @Override
    public void accept(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        int end = off + len;
        int start = off;
        while (start < end && !overflowed) {
            int newline = indexOf(bytes, start, end);
            int chunkEnd = newline < 0 ? end : newline;
            append(bytes, start, chunkEnd - start);
            if (overflowed) {
                return;
            }
            if (newline < 0) {
                return;
            }
            int lineLength = length > 0 && buffer[length - 1] == '\r' ? length - 1 : length;
            byte[] line = Arrays.copyOf(buffer, lineLength);
            length = 0;
            // Let a long line's buffer go: an idle connection should hold no more than it needs.
            if (buffer.length > 1024) {
                buffer = EMPTY;
            }
            lines.line(line);
            start = newline + 1;
        }
    }

    private void append(byte[] bytes, int off, int len) {
        // One byte of slack for a CR that the LF in the next chunk will drop.
        if (length + len > maxLineBytes + 1 || (length + len == maxLineBytes + 1 && lastIsNotCr(bytes, off, len))) {
            overflowed = true;
            buffer = EMPTY;
            length = 0;
            lines.oversize(maxLineBytes);
            return;
        }
        if (length + len > buffer.length) {
            buffer = Arrays.copyOf(
                    buffer, Math.min(maxLineBytes + 1, Math.max(64, Math.max(length + len, buffer.length * 2))));
        }
        System.arraycopy(bytes, off, buffer, length, len);
        length += len;
    }

    private boolean lastIsNotCr(byte[] bytes, int off, int len) {
        byte last = len > 0 ? bytes[off + len - 1] : buffer[length - 1];
        return last != '\r';
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
