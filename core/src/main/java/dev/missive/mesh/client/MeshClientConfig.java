package dev.missive.mesh.client;

import dev.missive.mesh.model.MeshProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of a {@link MeshClient}.
 *
 * @param profile         {@link MeshProfile#J2} (default) or {@link MeshProfile#J1} (hash over
 *                        {@code message} only, for server-node); D0 only changes retrieval
 * @param minBucket       smallest padded size of the message JSON (1024 bytes: a sender key alone is
 *                        736 characters)
 * @param maxMessageBytes largest padded message JSON (32 KiB: with the envelope and base64 the packet
 *                        stays under a server's 64 KiB)
 * @param dedupRetention  how long a (sender, id) pair is remembered (8 days: past the servers'
 *                        retention plus skew)
 * @param maxFetchBytes   largest fetch answer read (8 MiB)
 */
public record MeshClientConfig(
        MeshProfile profile, int minBucket, int maxMessageBytes, Duration dedupRetention, int maxFetchBytes) {

    /** The defaults listed above. */
    public static final MeshClientConfig DEFAULTS =
            new MeshClientConfig(MeshProfile.J2, 1024, 32 * 1024, Duration.ofDays(8), 8 * 1024 * 1024);

    /** Checks the components. */
    public MeshClientConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(dedupRetention, "dedupRetention");
        if (Integer.bitCount(minBucket) != 1 || minBucket < 256) {
            throw new IllegalArgumentException("minBucket must be a power of two of at least 256");
        }
        if (maxMessageBytes < minBucket) {
            throw new IllegalArgumentException("maxMessageBytes must be at least minBucket");
        }
        if (dedupRetention.isZero() || dedupRetention.isNegative()) {
            throw new IllegalArgumentException("dedupRetention must be positive");
        }
        if (maxFetchBytes < 64 * 1024) {
            throw new IllegalArgumentException("maxFetchBytes must be at least 64 KiB");
        }
    }

    /**
     * The same configuration with another profile.
     *
     * @param profile the profile the client speaks
     * @return a new configuration; this one is unchanged
     */
    public MeshClientConfig withProfile(MeshProfile profile) {
        return new MeshClientConfig(profile, minBucket, maxMessageBytes, dedupRetention, maxFetchBytes);
    }
}
