package dev.missive.mesh.wire;

import java.util.Optional;

/**
 * One row of {@code GET /peers}.
 *
 * @param url      the peer's origin
 * @param key      its pinned key, if any
 * @param score    its score
 * @param status   {@code active} or {@code dropped}
 * @param lastSync when a round with it last completed (unix ms), if ever
 */
public record PeerView(String url, Optional<String> key, int score, String status, Optional<Long> lastSync) {}
