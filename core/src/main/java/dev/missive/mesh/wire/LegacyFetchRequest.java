package dev.missive.mesh.wire;

import dev.missive.mesh.model.PacketHash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /fetch} of the insecure profiles: J1 ({@code {"recipient"}} or {@code {"hashes"}},
 * unauthenticated) or D0 ({@code {"public_key", "signature"}} over the constant phrase).
 *
 * @param recipient   J1: the recipient whose packets are asked for
 * @param hashes      J1: the hashes asked for (when no recipient)
 * @param d0PublicKey D0: the requester's key
 * @param d0Signature D0: base64 signature over the phrase
 */
public record LegacyFetchRequest(
        Optional<String> recipient,
        List<PacketHash> hashes,
        Optional<String> d0PublicKey,
        Optional<String> d0Signature) {

    /** Checks the components and keeps an immutable copy of the list. */
    public LegacyFetchRequest {
        Objects.requireNonNull(recipient, "recipient");
        hashes = List.copyOf(hashes);
        Objects.requireNonNull(d0PublicKey, "d0PublicKey");
        Objects.requireNonNull(d0Signature, "d0Signature");
    }

    /**
     * Whether this is the D0 form.
     *
     * @return true if the request carries a public key and signature rather than a recipient or hashes
     */
    public boolean isD0() {
        return d0PublicKey.isPresent();
    }
}
