package dev.missive.emsg;

import java.util.Objects;

/**
 * One outbox entry handed to the transport: send {@code line} to {@code destination}'s server over an
 * authenticated server-to-server session, then report the reply with
 * {@link EmsgServer#onDeliveryReply} or the failure with {@link EmsgServer#onDeliveryFailure}.
 *
 * @param entryId     the outbox entry
 * @param destination the peer domain
 * @param line        the line to send
 * @param attempt     which attempt this is (1 for the first)
 */
public record OutboundDelivery(String entryId, String destination, String line, int attempt) {

    /** Checks the components. */
    public OutboundDelivery {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(line, "line");
    }
}
