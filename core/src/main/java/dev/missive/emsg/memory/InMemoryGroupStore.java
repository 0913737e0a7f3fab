package dev.missive.emsg.memory;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.spi.GroupMember;
import dev.missive.emsg.spi.GroupRecord;
import dev.missive.emsg.spi.GroupStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link GroupStore} in memory. Each operation is atomic per group through {@link ConcurrentHashMap#compute}. */
public final class InMemoryGroupStore implements GroupStore {

    private record Entry(GroupRecord group, Map<EmsgAddress, GroupMember> members) {}

    private final ConcurrentHashMap<GroupId, Entry> groups = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryGroupStore() {}

    @Override
    public boolean create(GroupRecord group, GroupMember owner) {
        Map<EmsgAddress, GroupMember> members = new LinkedHashMap<>();
        members.put(owner.address(), owner);
        return groups.putIfAbsent(group.id(), new Entry(group, members)) == null;
    }

    @Override
    public Optional<GroupRecord> find(GroupId id) {
        Entry e = groups.get(id);
        return e == null ? Optional.empty() : Optional.of(e.group());
    }

    @Override
    public boolean update(GroupRecord group) {
        boolean[] done = new boolean[1];
        groups.computeIfPresent(group.id(), (id, e) -> {
            done[0] = true;
            GroupRecord kept = new GroupRecord(
                    id,
                    group.name(),
                    group.description(),
                    group.displayPicture(),
                    e.group().createdAt());
            return new Entry(kept, e.members());
        });
        return done[0];
    }

    @Override
    public List<GroupMember> members(GroupId id) {
        Object[] out = new Object[] {List.of()};
        groups.computeIfPresent(id, (k, e) -> {
            out[0] = e.members().values().stream()
                    .sorted(Comparator.comparingLong(GroupMember::since))
                    .toList();
            return e;
        });
        @SuppressWarnings("unchecked")
        List<GroupMember> members = (List<GroupMember>) out[0];
        return members;
    }

    @Override
    public boolean putMember(GroupId id, GroupMember member) {
        boolean[] done = new boolean[1];
        groups.computeIfPresent(id, (k, e) -> {
            e.members().put(member.address(), member);
            done[0] = true;
            return e;
        });
        return done[0];
    }

    @Override
    public boolean removeMember(GroupId id, EmsgAddress address) {
        boolean[] done = new boolean[1];
        groups.computeIfPresent(id, (k, e) -> {
            done[0] = e.members().remove(address) != null;
            return e;
        });
        return done[0];
    }
}
