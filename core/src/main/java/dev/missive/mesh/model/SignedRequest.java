package dev.missive.mesh.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The authentication part of a signed request ({@code docs/mesh.md}, "Request signing"). A discard
 * request is also the proof a tombstone carries to peers.
 *
 * @param purpose   what the request asks for
 * @param audience  the origin of the server it is addressed to ({@code https://host[:port]})
 * @param signer    the signer's public key, base64 SPKI DER (the {@code recipient} field on the wire)
 * @param timestamp when it was signed (unix milliseconds on the wire)
 * @param nonce     32 lower-case hex digits (128 random bits), single use per server
 * @param hashes    the packet hashes the request covers (empty when none), in wire order
 * @param signature base64 RSA-PSS signature (the {@code signed_timestamp} field on the wire)
 */
public record SignedRequest(
        RequestPurpose purpose,
        String audience,
        String signer,
        Instant timestamp,
        String nonce,
        List<PacketHash> hashes,
        String signature) {

    /** Checks that every component is present and keeps an immutable copy of the hashes. */
    public SignedRequest {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(nonce, "nonce");
        hashes = List.copyOf(hashes);
        Objects.requireNonNull(signature, "signature");
    }
}
