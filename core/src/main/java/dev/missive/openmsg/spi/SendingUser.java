package dev.missive.openmsg.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A local user together with its connection to one peer, as {@link OpenmsgStore#sendingUser} reads
 * them for a send: the user's display name goes into the message, the connection seals it.
 *
 * @param user       the local user who sends
 * @param connection the user's connection to the peer, or empty if the two are not connected
 */
public record SendingUser(OpenmsgUser user, Optional<OpenmsgConnection> connection) {

    /** Checks the components. */
    public SendingUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(connection, "connection");
    }
}
