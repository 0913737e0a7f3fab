package dev.missive.openmsg;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.OpenmsgAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A freshly issued one-time pass code: the user hands {@link #code()} ({@link Secret#revealText()}) and
 * {@link #address()} to the person who may connect.
 *
 * @param address   the issuing user's address
 * @param code      six ASCII digits
 * @param expiresAt when the code stops being accepted
 */
public record PassCode(OpenmsgAddress address, Secret code, Instant expiresAt) {

    /** Checks the components. */
    public PassCode {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
