package dev.missive.smp.secure;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line the server sends inside the encrypted stream: {@code SMP a.b.c.d} CRLF, with four
 * decimal version numbers (the 2021 servers sent the bare {@code a.b.c.d} in the first block; the
 * {@code SMP } prefix makes the line self-describing inside our CRLF stream). A client accepts any
 * server whose {@code a.b} is not newer than its own.
 *
 * @param major a
 * @param minor b
 * @param patch c
 * @param build d
 */
public record VersionGreeting(int major, int minor, int patch, int build) {

    /** The version this implementation speaks: the seed dialect inside Appendix A blocks. */
    public static final VersionGreeting CURRENT = new VersionGreeting(0, 1, 0, 0);

    /** Longest greeting line accepted, CRLF included. */
    public static final int MAX_LINE_LENGTH = 64;

    private static final Pattern LINE = Pattern.compile("SMP (\\d{1,5})\\.(\\d{1,5})\\.(\\d{1,5})\\.(\\d{1,5})");

    /** Checks the numbers are not negative. */
    public VersionGreeting {
        if (major < 0 || minor < 0 || patch < 0 || build < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
    }

    /**
     * The line without CRLF, e.g. {@code SMP 0.1.0.0}.
     *
     * @return the greeting text
     */
    public String text() {
        return "SMP " + major + "." + minor + "." + patch + "." + build;
    }

    /**
     * The line as sent: {@link #text()} then CRLF, in ASCII.
     *
     * @return the ASCII bytes of the line
     */
    public byte[] line() {
        return (text() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a greeting line given without its CRLF.
     *
     * @param text the line without its CRLF
     * @return the greeting
     * @throws SecureTransportException if it does not have the form {@code SMP a.b.c.d}
     */
    public static VersionGreeting parse(String text) throws SecureTransportException {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw new SecureTransportException(
                    SecureTransportException.Reason.BAD_GREETING, "server greeting is not 'SMP a.b.c.d'");
        }
        return new VersionGreeting(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)));
    }

    /**
     * Whether a client speaking this version can talk to {@code server}: the server's a.b is not
     * newer.
     *
     * @param server the server's greeting
     * @return {@code true} if the server's major and minor version are not newer than this one's
     */
    public boolean accepts(VersionGreeting server) {
        return server.major < major || (server.major == major && server.minor <= minor);
    }

    /**
     * Parses the server's greeting and checks this client accepts it.
     *
     * @param text the server's greeting line without its CRLF
     * @return the server's greeting
     * @throws SecureTransportException if malformed or newer than this client
     */
    public VersionGreeting checkServer(String text) throws SecureTransportException {
        VersionGreeting server = parse(text);
        if (!accepts(server)) {
            throw new SecureTransportException(
                    SecureTransportException.Reason.BAD_GREETING,
                    "server version " + server.major + "." + server.minor + " is newer than " + major + "." + minor);
        }
        return server;
    }
}
