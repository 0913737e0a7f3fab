package dev.missive.emsg.model;

import java.util.Locale;

/** The profile fields of the seed (section 7), with their wire names. */
public enum ProfileField {
    /** {@code first_name}. */
    FIRST_NAME,
    /** {@code middle_name}. */
    MIDDLE_NAME,
    /** {@code last_name}. */
    LAST_NAME,
    /** {@code display_picture}: an http(s) URL. */
    DISPLAY_PICTURE,
    /** {@code address}: a postal address or location, free text. */
    ADDRESS;

    /** Longest value of any field, in characters. */
    public static final int MAX_VALUE_LENGTH = 512;

    /**
     * The wire name, e.g. {@code first_name}.
     *
     * @return the field's name in JSON
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a wire name.
     *
     * @param text e.g. {@code first_name}
     * @return the field
     * @throws IllegalArgumentException if the name is unknown
     */
    public static ProfileField fromWire(String text) {
        for (ProfileField field : values()) {
            if (field.wireName().equals(text)) {
                return field;
            }
        }
        throw new IllegalArgumentException("unknown profile field");
    }
}
