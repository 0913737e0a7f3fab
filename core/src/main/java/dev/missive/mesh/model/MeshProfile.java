package dev.missive.mesh.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The protocol versions a mesh server or client speaks ({@code docs/mesh.md}, "Profiles"). Only
 * {@link #J2} is secure; {@link #J1} and {@link #D0} exist to talk to the public server and its
 * clients and are off unless a host enables them.
 */
public enum MeshProfile {
    /**
     * Jasper {@code finalizing-v1} shapes with Missive's cryptography: envelopes, hash over all three
     * fields, signed and audience-bound requests, tombstones. The default.
     */
    J2,
    /**
     * Jasper {@code main}, as the public server-node's clients send it: hash over {@code message} only,
     * unauthenticated {@code /fetch}, RSA-2048 keys accepted. Insecure: anyone can fetch anyone's
     * packets.
     */
    J1,
    /**
     * The June 2024 draft: retrieval with a signature over the constant phrase {@value #D0_PHRASE}.
     * Insecure: the signature never changes, so anyone who saw it once can replay it forever.
     */
    D0;

    /** The constant phrase a D0 client signs to retrieve its packets. */
    public static final String D0_PHRASE = "I AM WHO I SAY I AM";

    /**
     * The lower-case name used on the command line and in {@code GET /version}.
     *
     * @return the profile's name, e.g. {@code j2}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether this profile is secure (only {@link #J2}).
     *
     * @return true for J2, false for the legacy profiles
     */
    public boolean secure() {
        return this == J2;
    }

    /**
     * The profile named {@code name} (case-insensitive), if any.
     *
     * @param name the name as typed or sent
     * @return the profile, or empty if no profile has that name
     */
    public static Optional<MeshProfile> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (MeshProfile profile : values()) {
            if (profile.wireName().equalsIgnoreCase(name)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
