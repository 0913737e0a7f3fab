package dev.missive.mesh.wire;

import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.model.SignedRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /fetch/by_hash}: signed by a recipient (its own packets only) or by a peer server
 * ({@code from} present: any packet).
 *
 * @param from the calling server's signed entry, when a server calls
 * @param auth the signed request (purpose {@code fetch_by_hash}, covering the hashes)
 */
public record FetchByHashRequest(Optional<ServerEntry> from, SignedRequest auth) {

    /** Checks the components. */
    public FetchByHashRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(auth, "auth");
    }
}
