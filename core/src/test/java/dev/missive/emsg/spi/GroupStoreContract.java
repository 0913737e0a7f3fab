package dev.missive.emsg.spi;

import static dev.missive.emsg.spi.StoreFixtures.T0;
import static dev.missive.emsg.spi.StoreFixtures.addr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link GroupStore} must have. */
public abstract class GroupStoreContract {

    private static final GroupId G = GroupId.parse("g-1#a.test");

    private GroupStore store;

    /** Returns an empty store; called before each test. */
    protected abstract GroupStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static GroupMember member(String address, Role role, long since) {
        return new GroupMember(addr(address), role, since, T0.plusSeconds(since));
    }

    @Test
    void aGroupIsCreatedOnceWithItsOwner() {
        GroupRecord group = new GroupRecord(G, "Team", null, null, T0);
        assertThat(store.create(group, member("alice#a.test", Role.OWNER, 1))).isTrue();
        assertThat(store.create(group, member("bob#a.test", Role.OWNER, 1))).isFalse();
        assertThat(store.find(G)).contains(group);
        assertThat(store.find(GroupId.parse("g-2#a.test"))).isEmpty();
        assertThat(store.members(G)).containsExactly(member("alice#a.test", Role.OWNER, 1));
    }

    @Test
    void metadataUpdatesKeepIdAndCreationTime() {
        store.create(new GroupRecord(G, "Team", null, null, T0), member("alice#a.test", Role.OWNER, 1));
        GroupRecord changed = new GroupRecord(G, "Renamed", "About us", "https://a.test/p.png", T0.plusSeconds(99));
        assertThat(store.update(changed)).isTrue();
        assertThat(store.find(G)).contains(new GroupRecord(G, "Renamed", "About us", "https://a.test/p.png", T0));
        assertThat(store.update(new GroupRecord(GroupId.parse("g-2#a.test"), "x", null, null, T0)))
                .isFalse();
    }

    @Test
    void membersAreListedLongestStandingFirstAndChangeInPlace() {
        store.create(new GroupRecord(G, "Team", null, null, T0), member("alice#a.test", Role.OWNER, 1));
        assertThat(store.putMember(G, member("carol#c.test", Role.MEMBER, 3))).isTrue();
        assertThat(store.putMember(G, member("bob#b.test", Role.MEMBER, 2))).isTrue();
        assertThat(store.putMember(G, member("bob#b.test", Role.ADMIN, 2))).isTrue();
        assertThat(store.members(G))
                .containsExactly(
                        member("alice#a.test", Role.OWNER, 1),
                        member("bob#b.test", Role.ADMIN, 2),
                        member("carol#c.test", Role.MEMBER, 3));
        assertThat(store.removeMember(G, addr("bob#b.test"))).isTrue();
        assertThat(store.removeMember(G, addr("bob#b.test"))).isFalse();
        assertThat(store.members(G)).extracting(GroupMember::since).containsExactly(1L, 3L);
        assertThat(store.putMember(GroupId.parse("g-2#a.test"), member("x#a.test", Role.MEMBER, 1)))
                .isFalse();
        assertThat(store.members(GroupId.parse("g-2#a.test"))).isEmpty();
    }
}
