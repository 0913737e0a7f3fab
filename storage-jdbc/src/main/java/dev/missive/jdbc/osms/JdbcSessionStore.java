package dev.missive.jdbc.osms;

import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.osms.OsmsTables.PROTOCOL;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.Sql;
import dev.missive.osms.model.SessionId;
import dev.missive.osms.model.UserId;
import dev.missive.osms.spi.SessionRecord;
import dev.missive.osms.spi.SessionState;
import dev.missive.osms.spi.SessionStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SessionStore} in an SQLite or PostgreSQL database (table {@code osms_sessions}). Only the
 * hash of a session header is stored, never the header itself.
 */
public final class JdbcSessionStore implements SessionStore {

    private final Database database;

    /**
     * Creates the store, migrating the OSMS tables first if needed.
     *
     * @param database the database
     */
    public JdbcSessionStore(Database database) {
        this.database = OsmsTables.migrated(Objects.requireNonNull(database, "database"));
    }

    @Override
    public boolean insert(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        return database.write(
                PROTOCOL,
                "insertSession",
                c -> Sql.update(
                                c,
                                """
                                INSERT INTO osms_sessions (id, state, user_id, created_at, expires_at)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                                session.id().value(),
                                session.state(),
                                session.user().map(UserId::value).orElse(null),
                                session.createdAt(),
                                session.expiresAt())
                        == 1);
    }

    @Override
    public Optional<SessionRecord> find(SessionId id) {
        Objects.requireNonNull(id, "id");
        return database.read(
                PROTOCOL,
                "findSession",
                c -> queryOne(
                        c,
                        "SELECT state, user_id, created_at, expires_at FROM osms_sessions WHERE id = ?",
                        r -> new SessionRecord(
                                id,
                                SessionState.valueOf(r.string(1)),
                                Optional.ofNullable(r.string(2)).map(UserId::new),
                                r.instant(3),
                                r.instant(4)),
                        id.value()));
    }

    @Override
    public boolean update(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        return database.write(
                PROTOCOL,
                "updateSession",
                c -> Sql.update(
                                c,
                                "UPDATE osms_sessions SET state = ?, user_id = ?, expires_at = ? WHERE id = ?",
                                session.state(),
                                session.user().map(UserId::value).orElse(null),
                                session.expiresAt(),
                                session.id().value())
                        == 1);
    }

    @Override
    public int deleteExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return database.write(
                PROTOCOL,
                "deleteExpiredSessions",
                c -> Sql.update(c, "DELETE FROM osms_sessions WHERE expires_at <= ?", now));
    }
}
