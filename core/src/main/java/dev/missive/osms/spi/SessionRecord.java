package dev.missive.osms.spi;

import dev.missive.osms.model.SessionId;
import dev.missive.osms.model.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A login session as stored. The OTR state itself is not stored (the OTR library keeps it in
 * memory), so after a server restart a stored ESTABLISHED session answers {@code unknown-session}
 * and the client logs in again.
 *
 * @param id        the hash of the {@code OSMS-Session} header value
 * @param state     where the session is
 * @param user      the logged-in account, empty during the AKE
 * @param createdAt when the first {@code POST /create_session} arrived
 * @param expiresAt after this the session is gone (extended on use)
 */
public record SessionRecord(
        SessionId id, SessionState state, Optional<UserId> user, Instant createdAt, Instant expiresAt) {

    /** Validates. */
    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (state == SessionState.ESTABLISHED && user.isEmpty()) {
            throw new IllegalArgumentException("an established session has a user");
        }
    }

    /**
     * Whether the session is past its expiry.
     *
     * @param now the current time
     * @return true if expired
     */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
