package dev.missive.emsg.spi;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.GroupId;
import java.util.List;
import java.util.Optional;

/**
 * Groups and members of the groups whose origin is this server. Safe for concurrent use; the engine
 * serialises changes to one group itself, so each method only needs to be atomic on its own.
 */
public interface GroupStore {

    /**
     * Creates a group with its owner as the first member.
     *
     * @param group the group
     * @param owner its owner
     * @return true if created; false if a group with this id exists (nothing changes)
     */
    boolean create(GroupRecord group, GroupMember owner);

    /**
     * Finds a group.
     *
     * @param id the group id
     * @return the group, or empty
     */
    Optional<GroupRecord> find(GroupId id);

    /**
     * Replaces a group's metadata (name, description, picture; id and creation time stay).
     *
     * @param group the new metadata
     * @return true if the group exists and was updated
     */
    boolean update(GroupRecord group);

    /**
     * The members of a group, longest-standing first (ascending {@link GroupMember#since}).
     *
     * @param id the group id
     * @return the members; empty if the group does not exist
     */
    List<GroupMember> members(GroupId id);

    /**
     * Adds a member or replaces an existing member's record (role change).
     *
     * @param id     the group id
     * @param member the member
     * @return true if the group exists and the member was stored
     */
    boolean putMember(GroupId id, GroupMember member);

    /**
     * Removes a member.
     *
     * @param id      the group id
     * @param address the member
     * @return true if the member was there
     */
    boolean removeMember(GroupId id, EmsgAddress address);
}
