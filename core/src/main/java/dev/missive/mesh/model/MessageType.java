package dev.missive.mesh.model;

import java.util.Optional;

/** The {@code type} of a message inside a packet (Jasper D4 onwards). */
public enum MessageType {
    /** A new message; {@code content} is its text (GitHub-flavoured Markdown). */
    MESSAGE,
    /** Replaces the content of the message whose {@code id} is {@code content}'s target. */
    EDIT,
    /** Removes the message named by {@code id}; {@code content} is ignored. */
    DELETE,
    /** Adds the reaction {@code :name:} given in {@code content}. */
    REACT,
    /**
     * Missive's cover traffic: a packet a client addresses to itself and drops silently when it
     * fetches it back. Never sent to anyone else ({@code docs/mesh.md}, "Cover traffic").
     */
    COVER;

    /**
     * The type whose wire name is {@code name} (exact, upper case), if any.
     *
     * @param name the wire name
     * @return the type, or empty if no type has that name
     */
    public static Optional<MessageType> fromWire(String name) {
        for (MessageType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
