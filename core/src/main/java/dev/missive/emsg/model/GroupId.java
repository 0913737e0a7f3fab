package dev.missive.emsg.model;

import java.util.Objects;

/**
 * A group identifier {@code name#origin-domain}: the same syntax as an address, the domain naming
 * the group's origin server, which is authoritative for its state ({@code docs/emsg.md}, "Groups").
 * The creator chooses it (the CLI uses {@code g-<uuid>}) on their own home domain.
 *
 * @param value the identifier, domain lower-cased
 */
public record GroupId(EmsgAddress value) {

    /** Checks the component. */
    public GroupId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses a group identifier.
     *
     * @param text {@code name#domain}
     * @return the identifier
     * @throws IllegalArgumentException if the text is not {@code name#domain}
     */
    public static GroupId parse(String text) {
        return new GroupId(EmsgAddress.parse(text));
    }

    /**
     * The domain of the group's origin server.
     *
     * @return the lower-case domain
     */
    public String origin() {
        return value.domain();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
