package dev.missive.mesh.model;

import java.util.Objects;

/**
 * A packet as it travels between clients and servers: four JSON strings. Servers see only these;
 * everything else is inside the {@code message} and {@code signature} envelopes.
 *
 * @param recipient the recipient's public key: base64 (standard alphabet, padded) of its SPKI DER
 * @param message   base64 of the message envelope
 * @param signature base64 of the signature envelope
 * @param hash      the packet hash ({@code docs/mesh.md}, "Hash")
 */
public record MeshPacket(String recipient, String message, String signature, PacketHash hash) {

    /** Checks that every component is present. */
    public MeshPacket {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(hash, "hash");
    }

    /**
     * Whether both packets carry exactly the same four fields.
     *
     * @param other the packet to compare with
     * @return true if recipient, message, signature and hash are all equal
     */
    public boolean sameContent(MeshPacket other) {
        return equals(other);
    }
}
