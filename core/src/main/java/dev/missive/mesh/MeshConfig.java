package dev.missive.mesh;

import dev.missive.mesh.model.MeshProfile;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Tunables of a {@link MeshServer} ({@code docs/mesh.md}, "Decisions" explains each default).
 *
 * @param profiles                  the accepted profiles; always contains {@link MeshProfile#J2}
 * @param retention                 how long a packet lives from its envelope's creation time (7 days)
 * @param tombstoneGrace            how long a tombstone outlives the packet's expiry (1 day): longer
 *                                  than any peer's clock skew, so no peer can bring it back
 * @param maxClockSkew              accepted distance between a timestamp and now (±5 min): signed
 *                                  requests, and a new packet's creation time on {@code /send}
 * @param maxBodyBytes              largest client request body ({@code /send}, fetch, discard): 64 KiB
 * @param maxSyncBodyBytes          largest server-to-server body (push, fetch replies): 8 MiB
 * @param syncPageSize              hashes per sync page (1000)
 * @param fetchLimit                packets per fetch answer (100)
 * @param availabilityBound         how long a peer may take to offer in sync a packet it accepted
 *                                  from this server (10 min)
 * @param initialScore              a new peer's score (100)
 * @param dropScore                 a peer whose score falls to this is dropped (0)
 * @param invalidPacketPenalty      score lost per sync answer carrying an invalid packet (25)
 * @param unavailablePenalty        score lost per accepted packet not offered in time (50)
 * @param goodRoundReward           score regained per completed clean sync round, up to the initial score (1)
 * @param maxPeers                  most peers kept (64); entries learned beyond it are ignored
 * @param allowPrivatePeerAddresses whether peers on loopback, private or link-local literal addresses
 *                                  may be learned from others (off: the server list is otherwise an
 *                                  SSRF vector; on for tests and demos on loopback)
 */
public record MeshConfig(
        Set<MeshProfile> profiles,
        Duration retention,
        Duration tombstoneGrace,
        Duration maxClockSkew,
        int maxBodyBytes,
        int maxSyncBodyBytes,
        int syncPageSize,
        int fetchLimit,
        Duration availabilityBound,
        int initialScore,
        int dropScore,
        int invalidPacketPenalty,
        int unavailablePenalty,
        int goodRoundReward,
        int maxPeers,
        boolean allowPrivatePeerAddresses) {

    /** The defaults listed above. */
    public static final MeshConfig DEFAULTS = new MeshConfig(
            EnumSet.of(MeshProfile.J2),
            Duration.ofDays(7),
            Duration.ofDays(1),
            Duration.ofMinutes(5),
            64 * 1024,
            8 * 1024 * 1024,
            1000,
            100,
            Duration.ofMinutes(10),
            100,
            0,
            25,
            50,
            1,
            64,
            false);

    /** Checks the components and keeps an immutable copy of the profiles. */
    public MeshConfig {
        Objects.requireNonNull(profiles, "profiles");
        if (!profiles.contains(MeshProfile.J2)) {
            throw new IllegalArgumentException("profiles must contain J2");
        }
        profiles = Set.copyOf(profiles);
        positive(retention, "retention");
        positive(tombstoneGrace, "tombstoneGrace");
        positive(maxClockSkew, "maxClockSkew");
        positive(availabilityBound, "availabilityBound");
        if (tombstoneGrace.compareTo(maxClockSkew) <= 0) {
            throw new IllegalArgumentException("tombstoneGrace must exceed maxClockSkew");
        }
        if (maxBodyBytes < 16 * 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 16 KiB");
        }
        if (maxSyncBodyBytes < maxBodyBytes) {
            throw new IllegalArgumentException("maxSyncBodyBytes must be at least maxBodyBytes");
        }
        if (syncPageSize < 1 || syncPageSize > 10_000) {
            throw new IllegalArgumentException("syncPageSize must be 1..10000");
        }
        if (fetchLimit < 1 || fetchLimit > 10_000) {
            throw new IllegalArgumentException("fetchLimit must be 1..10000");
        }
        if (dropScore >= initialScore) {
            throw new IllegalArgumentException("dropScore must be below initialScore");
        }
        if (invalidPacketPenalty < 0 || unavailablePenalty < 0 || goodRoundReward < 0) {
            throw new IllegalArgumentException("penalties and rewards must not be negative");
        }
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers must be positive");
        }
    }

    /**
     * The same configuration also accepting {@code profile}.
     *
     * @param profile the profile to accept as well
     * @return a new configuration; this one is unchanged
     */
    public MeshConfig withProfile(MeshProfile profile) {
        EnumSet<MeshProfile> more = EnumSet.copyOf(profiles);
        more.add(profile);
        return new MeshConfig(
                more,
                retention,
                tombstoneGrace,
                maxClockSkew,
                maxBodyBytes,
                maxSyncBodyBytes,
                syncPageSize,
                fetchLimit,
                availabilityBound,
                initialScore,
                dropScore,
                invalidPacketPenalty,
                unavailablePenalty,
                goodRoundReward,
                maxPeers,
                allowPrivatePeerAddresses);
    }

    /**
     * The same configuration with another retention period.
     *
     * @param retention how long a packet is kept before it expires and leaves a tombstone
     * @return a new configuration; this one is unchanged
     */
    public MeshConfig withRetention(Duration retention) {
        return new MeshConfig(
                profiles,
                retention,
                tombstoneGrace,
                maxClockSkew,
                maxBodyBytes,
                maxSyncBodyBytes,
                syncPageSize,
                fetchLimit,
                availabilityBound,
                initialScore,
                dropScore,
                invalidPacketPenalty,
                unavailablePenalty,
                goodRoundReward,
                maxPeers,
                allowPrivatePeerAddresses);
    }

    /**
     * The same configuration with another sync page size.
     *
     * @param syncPageSize how many hashes one sync page carries
     * @return a new configuration; this one is unchanged
     */
    public MeshConfig withSyncPageSize(int syncPageSize) {
        return new MeshConfig(
                profiles,
                retention,
                tombstoneGrace,
                maxClockSkew,
                maxBodyBytes,
                maxSyncBodyBytes,
                syncPageSize,
                fetchLimit,
                availabilityBound,
                initialScore,
                dropScore,
                invalidPacketPenalty,
                unavailablePenalty,
                goodRoundReward,
                maxPeers,
                allowPrivatePeerAddresses);
    }

    /**
     * The same configuration with another availability bound.
     *
     * @param availabilityBound how long a peer may take to offer in sync a packet it accepted
     * @return a new configuration; this one is unchanged
     */
    public MeshConfig withAvailabilityBound(Duration availabilityBound) {
        return new MeshConfig(
                profiles,
                retention,
                tombstoneGrace,
                maxClockSkew,
                maxBodyBytes,
                maxSyncBodyBytes,
                syncPageSize,
                fetchLimit,
                availabilityBound,
                initialScore,
                dropScore,
                invalidPacketPenalty,
                unavailablePenalty,
                goodRoundReward,
                maxPeers,
                allowPrivatePeerAddresses);
    }

    /**
     * The same configuration allowing (or not) peers on private and loopback addresses.
     *
     * @param allow true to accept peers on private and loopback addresses (tests, private networks)
     * @return a new configuration; this one is unchanged
     */
    public MeshConfig withAllowPrivatePeerAddresses(boolean allow) {
        return new MeshConfig(
                profiles,
                retention,
                tombstoneGrace,
                maxClockSkew,
                maxBodyBytes,
                maxSyncBodyBytes,
                syncPageSize,
                fetchLimit,
                availabilityBound,
                initialScore,
                dropScore,
                invalidPacketPenalty,
                unavailablePenalty,
                goodRoundReward,
                maxPeers,
                allow);
    }

    /**
     * Whether {@code profile} is accepted.
     *
     * @param profile the profile a request or peer speaks
     * @return true if this configuration accepts it
     */
    public boolean accepts(MeshProfile profile) {
        return profiles.contains(profile);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
