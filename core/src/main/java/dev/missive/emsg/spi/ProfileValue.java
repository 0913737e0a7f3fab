package dev.missive.emsg.spi;

import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.Visibility;
import java.util.Objects;

/**
 * One profile field's value and who may see it.
 *
 * @param value      the value, at most {@link ProfileField#MAX_VALUE_LENGTH} characters
 * @param visibility who may see it
 */
public record ProfileValue(String value, Visibility visibility) {

    /** Checks the components. */
    public ProfileValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(visibility, "visibility");
        if (value.length() > ProfileField.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(
                    "profile values are at most " + ProfileField.MAX_VALUE_LENGTH + " characters");
        }
    }
}
