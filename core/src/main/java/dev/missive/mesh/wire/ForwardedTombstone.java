package dev.missive.mesh.wire;

import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.SignedRequest;
import java.util.Objects;

/**
 * A tombstone as it travels in sync: the hash and the recipient's signed discard request.
 *
 * @param hash  the discarded packet's hash (one of {@code proof.hashes()})
 * @param proof the recipient's discard request, as the forwarding server received it
 */
public record ForwardedTombstone(PacketHash hash, SignedRequest proof) {

    /** Checks that both components are present. */
    public ForwardedTombstone {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(proof, "proof");
    }
}
