package dev.missive.mesh.spi;

import dev.missive.mesh.model.PeerStatus;
import dev.missive.mesh.model.ServerEntry;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer server as this server knows it.
 *
 * @param url      the peer's origin ({@code http[s]://host[:port]})
 * @param entry    the peer's signed server entry, whose key is pinned from the first one seen (trust
 *                 on first use); empty for a configured peer not yet heard from
 * @param score    its standing: starts at {@code MeshConfig.initialScore}, falls on misbehaviour,
 *                 recovers slowly on clean sync rounds; dropped at {@code MeshConfig.dropScore}
 * @param status   whether it is still synced with
 * @param since    when it was added
 * @param lastSync when a sync round with it last completed, if ever
 */
public record PeerRecord(
        String url,
        Optional<ServerEntry> entry,
        int score,
        PeerStatus status,
        Instant since,
        Optional<Instant> lastSync) {

    /** Checks that every component is present. */
    public PeerRecord {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastSync, "lastSync");
    }

    /**
     * The pinned key (base64 SPKI), if an entry was seen.
     *
     * @return the key, or empty if no signed entry of the peer was seen yet
     */
    public Optional<String> key() {
        return entry.map(ServerEntry::key);
    }

    /**
     * A copy holding {@code entry} (the caller checks that its key matches any pinned one).
     *
     * @param entry the peer's signed entry
     * @return a new record; this one is unchanged
     */
    public PeerRecord withEntry(ServerEntry entry) {
        return new PeerRecord(url, Optional.of(entry), score, status, since, lastSync);
    }

    /**
     * A copy with another score and status.
     *
     * @param score the new score
     * @param status the status that goes with it
     * @return a new record; this one is unchanged
     */
    public PeerRecord withScore(int score, PeerStatus status) {
        return new PeerRecord(url, entry, score, status, since, lastSync);
    }

    /**
     * A copy with {@code lastSync} set.
     *
     * @param lastSync when the last sync round with the peer finished
     * @return a new record; this one is unchanged
     */
    public PeerRecord withLastSync(Instant lastSync) {
        return new PeerRecord(url, entry, score, status, since, Optional.of(lastSync));
    }
}
