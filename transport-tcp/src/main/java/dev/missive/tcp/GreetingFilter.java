package dev.missive.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Takes a server's greeting line (ended by CRLF) off the front of a received stream, checks it, and
 * passes every later byte on. The line is capped; a check failure ends the connection.
 *
 * <p>With {@code optional} set, a stream that starts with CR has no greeting: it is passed on
 * unchanged (SMP server transmissions always start with an empty signature line, so a greeting can
 * never be confused with one).
 */
public final class GreetingFilter implements ByteSink {

    /** Checks the greeting text (without CRLF). */
    @FunctionalInterface
    public interface Check {
        /**
         * Checks one greeting line.
         *
         * @param line the greeting, without CRLF
         * @throws IOException if the greeting is not acceptable
         */
        void accept(String line) throws IOException;
    }

    private final Check check;
    private final boolean optional;
    private final int maxLength;
    private final ByteSink next;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean done;

    /**
     * A filter for one connection.
     *
     * @param maxLength longest accepted line, CRLF included
     * @param check judges the greeting line; an {@link IOException} it throws closes the connection
     * @param optional {@code true} if the peer may send no greeting at all
     * @param next receives every byte after the greeting
     */
    public GreetingFilter(Check check, boolean optional, int maxLength, ByteSink next) {
        this.check = Objects.requireNonNull(check, "check");
        this.optional = optional;
        this.maxLength = maxLength;
        this.next = Objects.requireNonNull(next, "next");
    }

    /**
     * Whether the greeting has been consumed (or found absent).
     *
     * @return {@code true} once the greeting is behind
     */
    public boolean done() {
        return done;
    }

    @Override
    public void accept(byte[] bytes, int off, int len) throws IOException {
        int i = off;
        int end = off + len;
        while (!done && i < end) {
            byte b = bytes[i++];
            if (optional && line.size() == 0 && b == '\r') {
                done = true;
                i--;
                break;
            }
            line.write(b);
            if (line.size() > maxLength) {
                throw new IOException("greeting line longer than " + maxLength + " bytes");
            }
            byte[] seen = line.toByteArray();
            int n = seen.length;
            if (n >= 2 && seen[n - 2] == '\r' && seen[n - 1] == '\n') {
                check.accept(new String(seen, 0, n - 2, StandardCharsets.US_ASCII));
                done = true;
            }
        }
        if (done && i < end) {
            next.accept(bytes, i, end - i);
        }
    }
}
