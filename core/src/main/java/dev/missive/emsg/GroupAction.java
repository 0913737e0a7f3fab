package dev.missive.emsg;

import dev.missive.emsg.model.SystemEvent;

/** What a group member can try to do ({@code docs/emsg.md}, "Group rules"). */
public enum GroupAction {
    /** Send a chat message to the group. */
    SEND,
    /** Add a member ({@code joined}). */
    INVITE,
    /** Leave ({@code left}). */
    LEAVE,
    /** Remove a member ({@code removed}). */
    REMOVE,
    /** Make a member an admin ({@code admin_assigned}). */
    ASSIGN_ADMIN,
    /** Make an admin a member again ({@code admin_revoked}). */
    REVOKE_ADMIN,
    /** Change the name ({@code group_renamed}). */
    RENAME,
    /** Change the description ({@code description_updated}). */
    DESCRIBE,
    /** Change the display picture ({@code dp_updated}). */
    CHANGE_PICTURE;

    /**
     * The action a group event performs.
     *
     * @param event a group event other than {@code group_created}
     * @return the action
     * @throws IllegalArgumentException for {@code group_created} and non-group events
     */
    public static GroupAction of(SystemEvent event) {
        return switch (event) {
            case JOINED -> INVITE;
            case LEFT -> LEAVE;
            case REMOVED -> REMOVE;
            case ADMIN_ASSIGNED -> ASSIGN_ADMIN;
            case ADMIN_REVOKED -> REVOKE_ADMIN;
            case GROUP_RENAMED -> RENAME;
            case DESCRIPTION_UPDATED -> DESCRIBE;
            case DP_UPDATED -> CHANGE_PICTURE;
            default -> throw new IllegalArgumentException("not a group action: " + event.wireName());
        };
    }

    /**
     * Whether the action names another member as its target.
     *
     * @return true if the action needs a target member address
     */
    public boolean hasTarget() {
        return this == INVITE || this == REMOVE || this == ASSIGN_ADMIN || this == REVOKE_ADMIN;
    }
}
