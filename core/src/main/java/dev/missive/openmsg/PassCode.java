package dev.missive.openmsg;

import java.time.Instant;
import java.util.Objects;

/**
 * A freshly issued one-time pass code: the user hands {@link #code()} and {@link #address()} to the
 * person who may connect. {@code toString} hides the code.
 *
 * @param address   the issuing user's address
 * @param code      six ASCII digits
 * @param expiresAt when the code stops being accepted
 */
public record PassCode(OpenmsgAddress address, String code, Instant expiresAt) {

    public PassCode {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "PassCode[address=" + address + ", code=******, expiresAt=" + expiresAt + "]";
    }
}
