package dev.missive.mesh.spi;

import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.SignedRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The memory of a removed packet: while it lives, the hash is never stored, offered or fetched
 * again, so sync cannot bring the packet back.
 *
 * @param hash      the removed packet's hash
 * @param reason    why it was removed
 * @param recipient the removed packet's recipient (base64 SPKI)
 * @param createdAt when the tombstone was made
 * @param expiresAt when it may be forgotten (after every copy of the packet has expired everywhere)
 * @param proof     for {@link TombstoneReason#DISCARDED}: the recipient's signed discard request,
 *                  forwarded to peers as proof; empty for expiry
 */
public record Tombstone(
        PacketHash hash,
        TombstoneReason reason,
        String recipient,
        Instant createdAt,
        Instant expiresAt,
        Optional<SignedRequest> proof) {

    /** Checks that every component is present. */
    public Tombstone {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(proof, "proof");
    }
}
