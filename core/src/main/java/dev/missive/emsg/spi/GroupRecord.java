package dev.missive.emsg.spi;

import dev.missive.emsg.model.GroupId;
import java.time.Instant;
import java.util.Objects;

/**
 * A group's metadata, kept by its origin server.
 *
 * @param id             the group id (its domain is this server's)
 * @param name           {@code group_name}
 * @param description    {@code description}, or null
 * @param displayPicture {@code display_picture} URL, or null
 * @param createdAt      when it was created
 */
public record GroupRecord(GroupId id, String name, String description, String displayPicture, Instant createdAt) {

    /** Checks the components. */
    public GroupRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A copy with another name.
     *
     * @param value the new group name
     * @return a new record; this one is unchanged
     */
    public GroupRecord withName(String value) {
        return new GroupRecord(id, value, description, displayPicture, createdAt);
    }

    /**
     * A copy with another description.
     *
     * @param value the new description
     * @return a new record; this one is unchanged
     */
    public GroupRecord withDescription(String value) {
        return new GroupRecord(id, name, value, displayPicture, createdAt);
    }

    /**
     * A copy with another display picture.
     *
     * @param value the new display picture, as sent in the group event
     * @return a new record; this one is unchanged
     */
    public GroupRecord withDisplayPicture(String value) {
        return new GroupRecord(id, name, description, value, createdAt);
    }
}
