package dev.missive.openmsg.spi;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * The initiator's record of a handshake it started and is waiting to have confirmed. At most one per
 * (initiator, acceptor) pair.
 *
 * @param initiator    the local user
 * @param acceptor     the remote user who issued the pass code
 * @param passcodeHash lowercase hex SHA-256 of {@code pass_code ‖ initiator ‖ acceptor} (a secret)
 * @param createdAt    when the handshake started
 * @param expiresAt    when auth-confirm stops being accepted
 */
public record PendingHandshake(
        OpenmsgAddress initiator, OpenmsgAddress acceptor, Secret passcodeHash, Instant createdAt, Instant expiresAt) {

    /** Checks the components. */
    public PendingHandshake {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(acceptor, "acceptor");
        Objects.requireNonNull(passcodeHash, "passcodeHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
