package dev.missive.testkit.conformance;

import java.util.Objects;

/**
 * One documented check of a conformance suite.
 *
 * @param id        stable identifier, {@code <protocol>.<family>.<name>}, e.g. {@code smp.auth.bad-signature}
 * @param title     what the target must do, one sentence
 * @param level     {@link CheckLevel#REQUIRED} or {@link CheckLevel#HARDENING}
 * @param reference the section of the specification or of Missive's profile it checks, e.g.
 *                  {@code docs/research/smp.md §2.5}
 * @param body      the check itself
 */
public record Check(String id, String title, CheckLevel level, String reference, CheckBody body) {

    /** Validates the components. */
    public Check {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(body, "body");
    }

    /**
     * A required check.
     *
     * @param id        the check's id
     * @param title     what the target must do
     * @param reference the section it checks
     * @param body      the check itself
     * @return the check
     */
    public static Check required(String id, String title, String reference, CheckBody body) {
        return new Check(id, title, CheckLevel.REQUIRED, reference, body);
    }

    /**
     * A hardening check.
     *
     * @param id        the check's id
     * @param title     what the target must do
     * @param reference the section it checks
     * @param body      the check itself
     * @return the check
     */
    public static Check hardening(String id, String title, String reference, CheckBody body) {
        return new Check(id, title, CheckLevel.HARDENING, reference, body);
    }
}
