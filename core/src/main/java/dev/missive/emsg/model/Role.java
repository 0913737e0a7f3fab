package dev.missive.emsg.model;

/** A group member's role ({@code docs/emsg.md}, "Group rules"). */
public enum Role {
    /** Created the group (or inherited it); an admin that cannot be removed; the only one who assigns or revokes admins. */
    OWNER,
    /** Invites and removes members, changes name, description and picture. */
    ADMIN,
    /** Sends messages and leaves. */
    MEMBER;

    /**
     * Whether this role has admin rights (owner or admin).
     *
     * @return true for {@code OWNER} and {@code ADMIN}
     */
    public boolean isAdmin() {
        return this != MEMBER;
    }
}
