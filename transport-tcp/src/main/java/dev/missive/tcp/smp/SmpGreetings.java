package dev.missive.tcp.smp;

import java.nio.charset.StandardCharsets;

/** The greeting lines of the two transport modes. */
final class SmpGreetings {

    /** Plain mode greeting of the 2020 reference server (not in the seed text), without CRLF. */
    static final String PLAIN_TEXT = "Welcome to SMP";

    /** {@link #PLAIN_TEXT} with its CRLF, as sent. */
    static final byte[] PLAIN_LINE = (PLAIN_TEXT + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private SmpGreetings() {}
}
