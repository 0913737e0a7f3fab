package dev.missive.mesh.wire;

import dev.missive.mesh.model.MeshProfile;
import java.util.List;
import java.util.Optional;

/**
 * The answer to {@code GET /version}.
 *
 * @param profiles the profiles the server accepts
 * @param origin   the origin clients must sign as {@code audience}
 * @param key      the server's public key (base64 SPKI), when it has one
 */
public record VersionInfo(List<MeshProfile> profiles, String origin, Optional<String> key) {

    /** Keeps an immutable copy of the list. */
    public VersionInfo {
        profiles = List.copyOf(profiles);
        java.util.Objects.requireNonNull(origin, "origin");
        java.util.Objects.requireNonNull(key, "key");
    }
}
