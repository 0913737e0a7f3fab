package dev.missive.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.Role;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.spi.GroupMember;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every actor role (owner, admin, member, non-member) &times; every action &times; every target role
 * (owner, admin, member, non-member, oneself) through the engine, against the table of
 * {@code docs/emsg.md}, "Group rules", written out here cell by cell.
 */
class GroupPermissionMatrixTest {

    enum Who {
        OWNER,
        ADMIN,
        MEMBER,
        OUTSIDER
    }

    enum Target {
        OWNER,
        ADMIN,
        MEMBER,
        OUTSIDER,
        SELF
    }

    /** Expected code: 0 = accepted. Rows: actor; columns: the target (for actions without one, all the same). */
    private static int expected(Who actor, GroupAction action, Target target) {
        if (actor == Who.OUTSIDER) {
            return 403;
        }
        boolean admin = actor != Who.MEMBER;
        return switch (action) {
            case SEND, LEAVE -> 0;
            case RENAME, DESCRIBE, CHANGE_PICTURE -> admin ? 0 : 403;
            case INVITE -> !admin ? 403 : target == Target.OUTSIDER ? 0 : 409;
            case REMOVE ->
                switch (target) {
                    case SELF, OWNER -> 403;
                    case OUTSIDER -> admin ? 404 : 403;
                    case MEMBER -> admin ? 0 : 403;
                    case ADMIN -> actor == Who.OWNER ? 0 : 403;
                };
            case ASSIGN_ADMIN ->
                actor != Who.OWNER
                        ? 403
                        : switch (target) {
                            case MEMBER -> 0;
                            case OUTSIDER -> 404;
                            case OWNER, ADMIN, SELF -> 409;
                        };
            case REVOKE_ADMIN ->
                actor != Who.OWNER
                        ? 403
                        : switch (target) {
                            case ADMIN -> 0;
                            case OUTSIDER -> 404;
                            case MEMBER -> 409;
                            case OWNER, SELF -> 403;
                        };
        };
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Who actor : Who.values()) {
            for (GroupAction action : GroupAction.values()) {
                for (Target target : action.hasTarget() ? Target.values() : new Target[] {Target.MEMBER}) {
                    cells.add(Arguments.of(actor, action, target));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cells")
    void engineEnforcesTheTable(Who actor, GroupAction action, Target target) throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.User owner = a.user("owner");
        TestNetwork.User admin = a.user("admin");
        TestNetwork.User member = a.user("member");
        TestNetwork.User outsider = a.user("outsider");
        GroupId group = owner.client.newGroupId();
        owner.send(owner.client.createGroup(group, "G"));
        owner.send(owner.client.memberEvent(SystemEvent.JOINED, group, admin.address()));
        owner.send(owner.client.memberEvent(SystemEvent.JOINED, group, member.address()));
        owner.send(owner.client.memberEvent(SystemEvent.ADMIN_ASSIGNED, group, admin.address()));

        TestNetwork.User who = switch (actor) {
            case OWNER -> owner;
            case ADMIN -> admin;
            case MEMBER -> member;
            case OUTSIDER -> outsider;
        };
        EmsgAddress targetAddress = switch (target) {
            case OWNER -> owner.address();
            case ADMIN -> admin.address();
            case MEMBER -> member.address();
            case OUTSIDER -> outsider.address();
            case SELF -> who.address();
        };
        List<GroupMember> before = a.groups.members(group);
        EmsgClient c = who.client;
        EmsgClient.Outgoing line = switch (action) {
            case SEND -> c.groupChat(group, "hi");
            case INVITE -> c.memberEvent(SystemEvent.JOINED, group, targetAddress);
            case LEAVE -> c.leave(group);
            case REMOVE -> c.memberEvent(SystemEvent.REMOVED, group, targetAddress);
            case ASSIGN_ADMIN -> c.memberEvent(SystemEvent.ADMIN_ASSIGNED, group, targetAddress);
            case REVOKE_ADMIN -> c.memberEvent(SystemEvent.ADMIN_REVOKED, group, targetAddress);
            case RENAME -> c.metadataEvent(SystemEvent.GROUP_RENAMED, group, "New");
            case DESCRIBE -> c.metadataEvent(SystemEvent.DESCRIPTION_UPDATED, group, "About");
            case CHANGE_PICTURE -> c.metadataEvent(SystemEvent.DP_UPDATED, group, "https://a.test/p.png");
        };
        ClientReply reply = who.send(line);
        int want = expected(actor, action, target);
        if (want == 0) {
            assertThat(reply).isEqualTo(new ClientReply.Ack(line.id()));
        } else {
            assertThat(reply).isInstanceOf(ClientReply.Error.class);
            assertThat(((ClientReply.Error) reply).error().error().code()).isEqualTo(want);
            assertThat(a.groups.members(group)).isEqualTo(before);
        }
        // The pure policy agrees with the engine on every cell.
        Role actorRole = switch (actor) {
            case OWNER -> Role.OWNER;
            case ADMIN -> Role.ADMIN;
            case MEMBER -> Role.MEMBER;
            case OUTSIDER -> null;
        };
        Role targetRole = switch (target) {
            case OWNER -> Role.OWNER;
            case ADMIN -> Role.ADMIN;
            case MEMBER -> Role.MEMBER;
            case OUTSIDER -> null;
            case SELF -> actorRole;
        };
        assertThat(GroupPolicy.decide(actorRole, action, targetRole, target == Target.SELF)
                        .map(e -> e.code())
                        .orElse(0))
                .isEqualTo(want);
    }

    @Test
    void anOwnerLeavingHandsOwnershipToTheLongestStandingAdminElseMember() throws Exception {
        TestNetwork net = new TestNetwork();
        TestNetwork.Node a = net.add("a.test");
        TestNetwork.User owner = a.user("owner");
        TestNetwork.User m1 = a.user("m1");
        TestNetwork.User ad = a.user("ad");
        GroupId group = owner.client.newGroupId();
        owner.send(owner.client.createGroup(group, "G"));
        owner.send(owner.client.memberEvent(SystemEvent.JOINED, group, m1.address()));
        owner.send(owner.client.memberEvent(SystemEvent.JOINED, group, ad.address()));
        owner.send(owner.client.memberEvent(SystemEvent.ADMIN_ASSIGNED, group, ad.address()));
        owner.send(owner.client.leave(group));
        assertThat(a.groups.members(group))
                .extracting(GroupMember::address, GroupMember::role)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(m1.address(), Role.MEMBER),
                        org.assertj.core.groups.Tuple.tuple(ad.address(), Role.OWNER));
        ad.send(ad.client.leave(group));
        assertThat(a.groups.members(group))
                .extracting(GroupMember::address, GroupMember::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(m1.address(), Role.OWNER));
    }
}
