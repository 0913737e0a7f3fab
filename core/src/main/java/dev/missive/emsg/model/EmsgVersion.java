package dev.missive.emsg.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A protocol version {@code MAJOR.MINOR.PATCH} (SemVer 2.0.0 core; pre-release and build suffixes are
 * accepted and ignored). Peers are compatible when their MAJOR versions are equal
 * ({@code docs/emsg.md}, "Versions").
 *
 * @param major incompatible changes
 * @param minor compatible additions
 * @param patch compatible fixes
 */
public record EmsgVersion(int major, int minor, int patch) {

    /** The version this implementation speaks. */
    public static final EmsgVersion CURRENT = new EmsgVersion(0, 2, 0);

    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:\\.(0|[1-9]\\d{0,8}))?(?:[-+][0-9A-Za-z.+-]{1,64})?");

    /** Checks the components. */
    public EmsgVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
    }

    /**
     * Parses {@code MAJOR.MINOR[.PATCH][-pre][+build]}; a missing PATCH is 0.
     *
     * @param text the version
     * @return the version
     * @throws IllegalArgumentException if the text is not a version
     */
    public static EmsgVersion parse(String text) {
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("version must be MAJOR.MINOR.PATCH");
        }
        return new EmsgVersion(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /**
     * Whether a peer speaking {@code other} can talk to us: same MAJOR.
     *
     * @param other the peer's version
     * @return true if both have the same MAJOR number
     */
    public boolean compatibleWith(EmsgVersion other) {
        return major == other.major;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
