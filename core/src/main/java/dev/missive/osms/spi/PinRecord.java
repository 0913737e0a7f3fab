package dev.missive.osms.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A trust-on-first-use pin kept by a client: the fingerprint first seen for a subject on a server.
 *
 * @param server         the server the pin belongs to (its base URL or onion name, as the client names it)
 * @param subject        a lower-case username, or {@link #SERVER} for the server's own key
 * @param fingerprintHex the pinned OTR fingerprint, 40 lower-case hex characters
 * @param pinnedAt       when it was pinned (first use, or an explicit re-pin after a change)
 */
public record PinRecord(String server, String subject, String fingerprintHex, Instant pinnedAt) {

    /** The subject under which the server's own key is pinned (not a valid username). */
    public static final String SERVER = "@server";

    /** Validates. */
    public PinRecord {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(fingerprintHex, "fingerprintHex");
        Objects.requireNonNull(pinnedAt, "pinnedAt");
        if (!fingerprintHex.matches("^[0-9a-f]{40}$")) {
            throw new IllegalArgumentException("a fingerprint is 40 lower-case hex characters");
        }
    }
}
