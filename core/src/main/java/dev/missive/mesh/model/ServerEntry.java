package dev.missive.mesh.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One server in a server list: its origin and signing key, signed by that key
 * ({@code docs/mesh.md}, "Server entries"). The signature binds the origin to the key; a server
 * pins the first key it sees for an origin (trust on first use).
 *
 * @param url       the server's origin, {@code http[s]://host[:port]} without a path
 * @param key       the server's public key, base64 SPKI DER
 * @param signedAt  when the entry was signed
 * @param signature base64 RSA-PSS signature by {@code key}
 */
public record ServerEntry(String url, String key, Instant signedAt, String signature) {

    /** Checks that every component is present. */
    public ServerEntry {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(signature, "signature");
    }
}
