package dev.missive.emsg.model;

import java.util.Locale;

/** Who may see a profile field ({@code docs/emsg.md}, "Profiles"). */
public enum Visibility {
    /** Everyone. */
    PUBLIC,
    /** The owner's contacts and the owner. */
    CONTACTS,
    /** The owner only. */
    PRIVATE;

    /**
     * The wire name: {@code public}, {@code contacts} or {@code private}.
     *
     * @return the visibility's name in JSON
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a wire name; {@code friends} (the seed's "friends-only") is read as {@link #CONTACTS}.
     *
     * @param text the wire name
     * @return the visibility
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Visibility fromWire(String text) {
        return switch (text) {
            case "public" -> PUBLIC;
            case "contacts", "friends" -> CONTACTS;
            case "private" -> PRIVATE;
            default -> throw new IllegalArgumentException("visibility must be public, contacts or private");
        };
    }
}
