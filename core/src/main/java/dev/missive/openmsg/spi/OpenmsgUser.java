package dev.missive.openmsg.spi;

import java.util.Objects;

/**
 * A local user of the node.
 *
 * @param id          numeric id (the part before {@code *})
 * @param displayName name shown to peers (at most 40 characters)
 */
public record OpenmsgUser(String id, String displayName) {

    /** Checks the components. */
    public OpenmsgUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
