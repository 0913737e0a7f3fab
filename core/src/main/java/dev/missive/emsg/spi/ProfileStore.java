package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Profiles and contacts of local users. A user's contacts are the addresses they added or sent a
 * one-to-one message to ({@code docs/emsg.md}, "Profiles"); they see the fields marked
 * {@code contacts}. Safe for concurrent use.
 *
 * <p>A contact is never removed: the engine remembers the contacts it has seen recorded, so one
 * removed behind its back would not be recorded again until the server restarts.
 */
public interface ProfileStore {

    /**
     * The profile of a user.
     *
     * @param owner the user
     * @return the profile, or empty if none was ever set
     */
    Optional<Profile> find(EmsgAddress owner);

    /**
     * Stores a profile, replacing the previous one.
     *
     * @param profile the profile
     */
    void put(Profile profile);

    /**
     * Adds a contact.
     *
     * @param owner   the user whose contact list changes
     * @param contact the contact
     * @param at      when
     * @return true if added; false if it was already a contact
     */
    boolean addContact(EmsgAddress owner, EmsgAddress contact, Instant at);

    /**
     * Whether {@code other} is one of {@code owner}'s contacts.
     *
     * @param owner the user
     * @param other the address asked about
     * @return whether it is a contact
     */
    boolean isContact(EmsgAddress owner, EmsgAddress other);

    /**
     * A user's contacts, in the order they were added.
     *
     * @param owner the user
     * @return the contacts
     */
    List<EmsgAddress> contacts(EmsgAddress owner);
}
