package dev.missive.openmsg.spi;

import java.util.Objects;

/**
 * The connection a {@code message-receive} call names by its ident code, and whether the message's
 * hash is already in the replay guard, as {@link OpenmsgStore#receivingConnection} reads them.
 *
 * @param connection the local user's connection with the presented ident code
 * @param replay     whether the message's hash is guarded ({@link OpenmsgStore#isReplay}) at the
 *                   time of the read; only an early refusal: {@link OpenmsgStore#acceptInbound}
 *                   still decides
 */
public record ReceivingConnection(OpenmsgConnection connection, boolean replay) {

    /** Checks the components. */
    public ReceivingConnection {
        Objects.requireNonNull(connection, "connection");
    }
}
