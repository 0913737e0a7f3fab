package dev.missive.mesh.model;

import java.util.Optional;

/** What a signed request asks for; part of the signed string ({@code docs/mesh.md}, "Request signing"). */
public enum RequestPurpose {
    /** {@code POST /fetch/by_recipient}: the recipient's packets. */
    FETCH_BY_RECIPIENT("fetch_by_recipient"),
    /** {@code POST /fetch/by_hash}: named packets (a recipient's own, or any for a known peer). */
    FETCH_BY_HASH("fetch_by_hash"),
    /** {@code POST /discard}: delete the recipient's named packets and tombstone them. */
    DISCARD("discard"),
    /** {@code POST /sync/hashes}: a peer's page of hashes. */
    SYNC_HASHES("sync_hashes"),
    /** {@code POST /sync/push}: a peer hands over packets and tombstones. */
    SYNC_PUSH("sync_push");

    private final String label;

    RequestPurpose(String label) {
        this.label = label;
    }

    /**
     * The label in the signed string and on the wire.
     *
     * @return the purpose's label, e.g. {@code fetch_by_hash}
     */
    public String label() {
        return label;
    }

    /**
     * The purpose whose label is {@code label}, if any.
     *
     * @param label the label as sent
     * @return the purpose, or empty if no purpose has that label
     */
    public static Optional<RequestPurpose> fromLabel(String label) {
        for (RequestPurpose purpose : values()) {
            if (purpose.label.equals(label)) {
                return Optional.of(purpose);
            }
        }
        return Optional.empty();
    }
}
