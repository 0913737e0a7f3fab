package dev.missive.openmsg.spi;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A connection between a local user and a remote user, identical on both nodes except for the
 * self/other orientation. The three codes are {@link Secret}s holding their lowercase hex text.
 *
 * @param self                 the local user
 * @param other                the remote user; its domain is where confirmation callbacks go
 * @param otherName            the remote user's display name
 * @param otherAcceptsMessages whether the remote side said it accepts replies
 * @param authCode             64 hex: the secret mixed into every message hash
 * @param identCode            64 hex: selects the connection on {@code message-receive}
 * @param messageCryptKey      64 hex: the secretbox key
 * @param createdAt            when the handshake completed
 */
public record OpenmsgConnection(
        OpenmsgAddress self,
        OpenmsgAddress other,
        String otherName,
        boolean otherAcceptsMessages,
        Secret authCode,
        Secret identCode,
        Secret messageCryptKey,
        Instant createdAt) {

    /** Checks the components. */
    public OpenmsgConnection {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(otherName, "otherName");
        Objects.requireNonNull(authCode, "authCode");
        Objects.requireNonNull(identCode, "identCode");
        Objects.requireNonNull(messageCryptKey, "messageCryptKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
