package dev.missive.emsg;

import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgMessage;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.Role;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import dev.missive.emsg.spi.GroupMember;
import dev.missive.emsg.spi.GroupRecord;
import dev.missive.internal.Locks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The origin server's side of groups: checks each group message against {@link GroupPolicy}, applies
 * the event to the group store and says who receives it. Changes to one group are serialised by a
 * striped lock, so concurrent events see each other's effects.
 */
final class GroupEngine {

    private static final int STRIPES = 64;

    private final EmsgServer server;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    GroupEngine(EmsgServer server) {
        this.server = server;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The state and recipients a group message leads to. */
    interface Work {
        /** Runs once the message is known to be new; returns who receives it. */
        Set<EmsgAddress> run() throws EmsgException;
    }

    /**
     * Runs {@code body} under the group's lock.
     */
    @SuppressWarnings("unchecked")
    <T> T locked(GroupId group, LockedWork<T> body) throws EmsgException {
        ReentrantLock lock = stripes[Math.floorMod(group.hashCode(), STRIPES)];
        Object[] result = new Object[1];
        EmsgException[] failure = new EmsgException[1];
        Locks.withLock(lock, () -> {
            try {
                result[0] = body.run();
            } catch (EmsgException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return (T) result[0];
    }

    /** Work done under a group's lock. */
    interface LockedWork<T> {
        /** Does it. */
        T run() throws EmsgException;
    }

    /**
     * Checks a group message against the current state; call under the group's lock.
     *
     * @return the change to make once the message is known to be new
     * @throws EmsgException {@code 404} unknown group or target, {@code 403} not allowed, {@code 409}
     *     nothing to change
     */
    Work check(EmsgMessage message) throws EmsgException {
        GroupId id = message.group();
        Instant now = server.clock.now();
        if (message instanceof SystemMessage system && system.event() == SystemEvent.GROUP_CREATED) {
            if (!message.sender().domain().equals(server.domain)) {
                throw new EmsgException(EmsgError.FORBIDDEN, "groups are created on the creator's home server");
            }
            if (server.groups.find(id).isPresent()) {
                throw new EmsgException(EmsgError.CONFLICT, "group exists");
            }
            GroupRecord record =
                    new GroupRecord(id, system.groupName(), system.description(), system.displayPicture(), now);
            return () -> {
                if (!server.groups.create(record, new GroupMember(message.sender(), Role.OWNER, 1, now))) {
                    throw new EmsgException(EmsgError.CONFLICT, "group exists");
                }
                return Set.of();
            };
        }
        GroupRecord group =
                server.groups.find(id).orElseThrow(() -> new EmsgException(EmsgError.NOT_FOUND, "unknown group"));
        List<GroupMember> members = server.groups.members(id);
        Role actor = roleOf(members, message.sender()).orElse(null);
        if (message instanceof ChatMessage) {
            deny(GroupPolicy.decide(actor, GroupAction.SEND, null, false));
            return () -> recipients(members, null, message.sender());
        }
        SystemMessage system = (SystemMessage) message;
        if (!system.event().isGroupEvent()) {
            throw new EmsgException(EmsgError.FORBIDDEN, "not a group event");
        }
        GroupAction action = GroupAction.of(system.event());
        EmsgAddress target = action.hasTarget() ? system.target() : null;
        Role targetRole = target == null ? null : roleOf(members, target).orElse(null);
        deny(GroupPolicy.decide(actor, action, targetRole, message.sender().equals(target)));
        return switch (action) {
            case INVITE ->
                () -> {
                    long since =
                            members.stream().mapToLong(GroupMember::since).max().orElse(0) + 1;
                    server.groups.putMember(id, new GroupMember(target, Role.MEMBER, since, now));
                    return recipients(server.groups.members(id), null, message.sender());
                };
            case LEAVE ->
                () -> {
                    server.groups.removeMember(id, message.sender());
                    if (actor == Role.OWNER) {
                        handOver(id);
                    }
                    return recipients(server.groups.members(id), null, message.sender());
                };
            case REMOVE ->
                () -> {
                    server.groups.removeMember(id, target);
                    // The removed member learns it too.
                    return recipients(server.groups.members(id), target, message.sender());
                };
            case ASSIGN_ADMIN -> () -> setRole(id, members, target, Role.ADMIN, message.sender());
            case REVOKE_ADMIN -> () -> setRole(id, members, target, Role.MEMBER, message.sender());
            case RENAME -> () -> update(group.withName(system.groupName()), message.sender());
            case DESCRIBE -> () -> update(group.withDescription(system.description()), message.sender());
            case CHANGE_PICTURE -> () -> update(group.withDisplayPicture(system.displayPicture()), message.sender());
            case SEND -> throw new IllegalStateException("SEND is a chat message");
        };
    }

    private Set<EmsgAddress> setRole(
            GroupId id, List<GroupMember> members, EmsgAddress target, Role role, EmsgAddress actor) {
        GroupMember member = members.stream()
                .filter(m -> m.address().equals(target))
                .findFirst()
                .orElseThrow();
        server.groups.putMember(id, member.withRole(role));
        return recipients(server.groups.members(id), null, actor);
    }

    private Set<EmsgAddress> update(GroupRecord changed, EmsgAddress actor) {
        server.groups.update(changed);
        return recipients(server.groups.members(changed.id()), null, actor);
    }

    /** The owner left: the longest-standing admin becomes owner, else the longest-standing member. */
    private void handOver(GroupId id) {
        List<GroupMember> rest = server.groups.members(id);
        Optional<GroupMember> heir = rest.stream()
                .filter(m -> m.role() == Role.ADMIN)
                .findFirst()
                .or(() -> rest.stream().findFirst());
        heir.ifPresent(m -> server.groups.putMember(id, m.withRole(Role.OWNER)));
    }

    private static Set<EmsgAddress> recipients(List<GroupMember> members, EmsgAddress extra, EmsgAddress sender) {
        Set<EmsgAddress> to = new LinkedHashSet<>();
        for (GroupMember m : members) {
            to.add(m.address());
        }
        if (extra != null) {
            to.add(extra);
        }
        to.remove(sender);
        return to;
    }

    private static Optional<Role> roleOf(List<GroupMember> members, EmsgAddress address) {
        return members.stream()
                .filter(m -> m.address().equals(address))
                .map(GroupMember::role)
                .findFirst();
    }

    private static void deny(Optional<EmsgError> refusal) throws EmsgException {
        if (refusal.isPresent()) {
            throw new EmsgException(refusal.get(), "not allowed by the group rules");
        }
    }

    /** Member list for {@code group_get}, or 403 if the asker is not a member. */
    List<GroupMember> membersFor(GroupId id, EmsgAddress asker) throws EmsgException {
        server.groups.find(id).orElseThrow(() -> new EmsgException(EmsgError.NOT_FOUND, "unknown group"));
        List<GroupMember> members = new ArrayList<>(server.groups.members(id));
        if (roleOf(members, asker).isEmpty()) {
            throw new EmsgException(EmsgError.FORBIDDEN, "not a member");
        }
        return members;
    }
}
