package dev.missive.testkit.conformance;

/** How much a check matters for the verdict. */
public enum CheckLevel {
    /** The specification (or the profile it cites) requires it: a failure makes the run fail. */
    REQUIRED,
    /** What a sound implementation also does (replay refusal, bounds, no echoed secrets, caps). */
    HARDENING;

    /**
     * The lower-case tag used in reports.
     *
     * @return {@code required} or {@code hardening}
     */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
