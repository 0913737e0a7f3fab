package dev.missive.emsg.model;

import java.util.Locale;

/** The {@code event} of a {@code system} message: the seed's ten events and the delivery failure notice. */
public enum SystemEvent {
    /** A group was created; carries {@code group_name} (and optionally description and picture). */
    GROUP_CREATED(true),
    /** {@code target} was added to the group by the sender (an invitation adds the member). */
    JOINED(true),
    /** The sender left the group. */
    LEFT(true),
    /** {@code target} was removed from the group by the sender. */
    REMOVED(true),
    /** {@code target} became an admin. */
    ADMIN_ASSIGNED(true),
    /** {@code target} is no longer an admin. */
    ADMIN_REVOKED(true),
    /** The sender's profile changed ({@code subject} and {@code fields}); sent by the home server to contacts. */
    PROFILE_UPDATED(false),
    /** The group's name changed to {@code group_name}. */
    GROUP_RENAMED(true),
    /** The group's picture changed to {@code display_picture}. */
    DP_UPDATED(true),
    /** The group's description changed to {@code description}. */
    DESCRIPTION_UPDATED(true),
    /** EMSG extension: a message ({@code ref}) could not be delivered ({@code code}); sent by the home server. */
    DELIVERY_FAILED(false);

    private final boolean groupEvent;

    SystemEvent(boolean groupEvent) {
        this.groupEvent = groupEvent;
    }

    /**
     * Whether the event is about a group and carries {@code group_id}.
     *
     * @return true for the group events
     */
    public boolean isGroupEvent() {
        return groupEvent;
    }

    /**
     * The wire name, e.g. {@code group_created}.
     *
     * @return the event's name in JSON
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a wire name.
     *
     * @param text e.g. {@code admin_assigned}
     * @return the event
     * @throws IllegalArgumentException if the name is unknown
     */
    public static SystemEvent fromWire(String text) {
        for (SystemEvent event : values()) {
            if (event.wireName().equals(text)) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown system event");
    }
}
