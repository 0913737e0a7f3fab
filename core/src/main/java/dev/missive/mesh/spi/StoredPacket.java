package dev.missive.mesh.spi;

import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import java.time.Instant;
import java.util.Objects;

/**
 * A packet as a server holds it.
 *
 * @param packet    the four wire fields
 * @param profile   the profile it was accepted under; only {@link MeshProfile#J2} packets are synced
 * @param firstSeen when this server stored it
 * @param expiresAt when it expires everywhere: the envelope's creation time plus the retention
 *                  period for J2, first sight plus retention otherwise
 */
public record StoredPacket(MeshPacket packet, MeshProfile profile, Instant firstSeen, Instant expiresAt) {

    /** Checks that every component is present and that it expires after it was seen. */
    public StoredPacket {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether it is still live at {@code now} (expires strictly after it).
     *
     * @param now the instant to test
     * @return true if its expiry is after {@code now}
     */
    public boolean liveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
