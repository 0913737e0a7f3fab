package dev.missive.jdbc.emsg;

import static dev.missive.jdbc.Sql.exists;
import static dev.missive.jdbc.Sql.queryList;
import static dev.missive.jdbc.Sql.queryOne;

import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.Role;
import dev.missive.emsg.spi.GroupMember;
import dev.missive.emsg.spi.GroupRecord;
import dev.missive.emsg.spi.GroupStore;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link GroupStore} in an SQLite or PostgreSQL database: tables {@code emsg_groups} and
 * {@code emsg_group_members} (migrations of protocol {@value EmsgTables#PROTOCOL}). Every change is
 * one group-committed transaction.
 */
public final class JdbcGroupStore implements GroupStore {

    private final Database database;

    /**
     * Creates the store on {@code database}, migrating the EMSG tables first if needed.
     *
     * @param database the database
     */
    public JdbcGroupStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.migrate(EmsgTables.PROTOCOL);
    }

    @Override
    public boolean create(GroupRecord group, GroupMember owner) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(owner, "owner");
        String id = group.id().toString();
        return database.write(EmsgTables.PROTOCOL, "createGroup", c -> {
            if (Sql.update(c, """
                            INSERT INTO emsg_groups (group_id, name, description, display_picture, created_at)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", id, group.name(), group.description(), group.displayPicture(), group.createdAt())
                    != 1) {
                return false;
            }
            upsertMember(c, id, owner);
            return true;
        });
    }

    @Override
    public Optional<GroupRecord> find(GroupId id) {
        Objects.requireNonNull(id, "id");
        return database.read(
                EmsgTables.PROTOCOL,
                "findGroup",
                c -> queryOne(
                        c,
                        "SELECT name, description, display_picture, created_at FROM emsg_groups WHERE group_id = ?",
                        r -> new GroupRecord(id, r.string(1), r.string(2), r.string(3), r.instant(4)),
                        id.toString()));
    }

    @Override
    public boolean update(GroupRecord group) {
        Objects.requireNonNull(group, "group");
        return database.write(
                EmsgTables.PROTOCOL,
                "updateGroup",
                c -> Sql.update(
                                c,
                                "UPDATE emsg_groups SET name = ?, description = ?, display_picture = ? WHERE group_id = ?",
                                group.name(),
                                group.description(),
                                group.displayPicture(),
                                group.id().toString())
                        == 1);
    }

    @Override
    public List<GroupMember> members(GroupId id) {
        Objects.requireNonNull(id, "id");
        return database.read(
                EmsgTables.PROTOCOL,
                "members",
                c -> queryList(
                        c,
                        """
                        SELECT address, role, since, joined_at FROM emsg_group_members
                        WHERE group_id = ? ORDER BY since""",
                        r -> new GroupMember(
                                EmsgAddress.parse(r.string(1)),
                                Role.valueOf(r.string(2)),
                                r.longValue(3),
                                r.instant(4)),
                        id.toString()));
    }

    @Override
    public boolean putMember(GroupId id, GroupMember member) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(member, "member");
        String text = id.toString();
        return database.write(EmsgTables.PROTOCOL, "putMember", c -> {
            if (!exists(c, "SELECT 1 FROM emsg_groups WHERE group_id = ?", text)) {
                return false;
            }
            upsertMember(c, text, member);
            return true;
        });
    }

    private static void upsertMember(Connection c, String groupId, GroupMember member) throws SQLException {
        Sql.update(c, """
                INSERT INTO emsg_group_members (group_id, address, role, since, joined_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (group_id, address)
                DO UPDATE SET role = excluded.role, since = excluded.since, joined_at = excluded.joined_at""", groupId, member.address().toString(), member.role(), member.since(), member.joinedAt());
    }

    @Override
    public boolean removeMember(GroupId id, EmsgAddress address) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        return database.write(
                EmsgTables.PROTOCOL,
                "removeMember",
                c -> Sql.update(
                                c,
                                "DELETE FROM emsg_group_members WHERE group_id = ? AND address = ?",
                                id.toString(),
                                address.toString())
                        == 1);
    }
}
