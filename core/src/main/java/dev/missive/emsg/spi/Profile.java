package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.ProfileField;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A local user's profile: the fields they set, each with its visibility.
 *
 * @param owner     the user
 * @param fields    the fields set (absent fields are unset)
 * @param updatedAt when it last changed
 */
public record Profile(EmsgAddress owner, Map<ProfileField, ProfileValue> fields, Instant updatedAt) {

    /** Checks the components and copies the map. */
    public Profile {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(updatedAt, "updatedAt");
        EnumMap<ProfileField, ProfileValue> copy = new EnumMap<>(ProfileField.class);
        copy.putAll(fields);
        fields = Collections.unmodifiableMap(copy);
    }
}
