package dev.missive.osms.spi;

import dev.missive.osms.model.SessionId;
import java.time.Instant;
import java.util.Optional;

/** Login sessions. Each method is one transaction; expiry is data compared with the given time. */
public interface SessionStore {

    /**
     * Stores a new session.
     *
     * @param session the session
     * @return false if a session with that id exists already (nothing changed)
     */
    boolean insert(SessionRecord session);

    /**
     * Finds a session, expired or not (the engine checks expiry).
     *
     * @param id the id
     * @return the session
     */
    Optional<SessionRecord> find(SessionId id);

    /**
     * Replaces a stored session's state, user and expiry.
     *
     * @param session the new values (matched by id)
     * @return false if no such session exists
     */
    boolean update(SessionRecord session);

    /**
     * Deletes every session whose expiry is at or before {@code now}.
     *
     * @param now the current time
     * @return how many were deleted
     */
    int deleteExpired(Instant now);
}
