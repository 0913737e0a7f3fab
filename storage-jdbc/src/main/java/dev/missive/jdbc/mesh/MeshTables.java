package dev.missive.jdbc.mesh;

import dev.missive.mesh.model.PacketHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** What the mesh stores share: the protocol name of their migrations and the {@code IN (...)} batching. */
final class MeshTables {

    /** The protocol name of the mesh migrations ({@code db/missive/mesh/<dialect>/}). */
    static final String PROTOCOL = "mesh";

    /** Hashes bound per {@code IN (...)} list: far below SQLite's and PostgreSQL's parameter limits. */
    static final int IN_BATCH = 500;

    private MeshTables() {}

    /** {@code ?, ?, ...} with {@code count} placeholders. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The distinct hashes in batches of at most {@link #IN_BATCH}, as hex strings. */
    static List<List<String>> batches(Collection<PacketHash> hashes) {
        List<String> distinct = hashes.stream().map(PacketHash::hex).distinct().toList();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IN_BATCH) {
            batches.add(distinct.subList(from, Math.min(distinct.size(), from + IN_BATCH)));
        }
        return batches;
    }

    /** The parameters of a batch query: the batch, then {@code after}. */
    static Object[] withBatch(List<String> batch, Object... after) {
        List<Object> all = new ArrayList<>(batch);
        all.addAll(List.of(after));
        return all.toArray();
    }
}
