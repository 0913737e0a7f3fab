package dev.missive.osms.memory;

import dev.missive.osms.model.SessionId;
import dev.missive.osms.spi.SessionRecord;
import dev.missive.osms.spi.SessionStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SessionStore} in memory. */
public final class InMemorySessionStore implements SessionStore {

    private final ConcurrentHashMap<SessionId, SessionRecord> sessions = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemorySessionStore() {}

    @Override
    public boolean insert(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        return sessions.putIfAbsent(session.id(), session) == null;
    }

    @Override
    public Optional<SessionRecord> find(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public boolean update(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        return sessions.replace(session.id(), session) != null;
    }

    @Override
    public int deleteExpired(Instant now) {
        int[] removed = {0};
        sessions.values().removeIf(s -> {
            boolean expired = s.isExpired(now);
            if (expired) {
                removed[0]++;
            }
            return expired;
        });
        return removed[0];
    }
}
