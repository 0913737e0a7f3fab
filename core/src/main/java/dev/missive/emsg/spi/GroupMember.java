package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A member of a group.
 *
 * @param address  the member (any domain)
 * @param role     owner, admin or member
 * @param since    the member's rank by seniority: strictly increasing in join order within a group
 *                 (the engine assigns it; the longest-standing member has the smallest)
 * @param joinedAt when the member joined
 */
public record GroupMember(EmsgAddress address, Role role, long since, Instant joinedAt) {

    /** Checks the components. */
    public GroupMember {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    /**
     * A copy with another role.
     *
     * @param value the new role
     * @return a new record; this one is unchanged
     */
    public GroupMember withRole(Role value) {
        return new GroupMember(address, value, since, joinedAt);
    }
}
