package dev.missive.osms.spi;

import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import java.time.Instant;
import java.util.Objects;

/**
 * An account: everything the server keeps about a user is its username and one public key (the
 * 2015 text); the id and timestamps are ours.
 *
 * @param id        the stable id (never on the wire)
 * @param username  the current username
 * @param publicKey the OTR long-term key the user logs in with
 * @param createdAt when the account was created
 * @param updatedAt when the username or key last changed
 */
public record UserRecord(UserId id, Username username, OtrPublicKey publicKey, Instant createdAt, Instant updatedAt) {

    /** Validates. */
    public UserRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
