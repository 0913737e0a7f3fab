package dev.missive.jdbc.emsg;

import dev.missive.emsg.spi.SeenMark;
import dev.missive.jdbc.CombinedWork;
import dev.missive.jdbc.JdbcReplayGuardStore;
import dev.missive.jdbc.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * A message's seen mark written with its entries (inbox or outbox rows), as one group-committed
 * unit. The units of one group run as two batches: the marks, then the entries of the messages whose
 * mark was recorded. So a group costs two round trips to PostgreSQL, not two per message, and a
 * duplicate (even of a message earlier in the same group: each row of a batch sees the rows before
 * it) writes nothing, as it would alone.
 *
 * @param <E> an entry
 */
final class MarkedInserts<E> implements CombinedWork<MarkedInserts.Marked<E>, OptionalInt> {

    /** One message: its mark and its entries. */
    record Marked<E>(SeenMark seen, List<E> entries) {
        Marked {
            Objects.requireNonNull(seen, "seen");
            entries = List.copyOf(entries);
        }
    }

    private final String insert;
    private final Function<E, Object[]> parameters;

    /**
     * @param insert an {@code INSERT ... ON CONFLICT DO NOTHING} of one entry
     * @param parameters an entry's values for {@code insert}
     */
    MarkedInserts(String insert, Function<E, Object[]> parameters) {
        this.insert = Objects.requireNonNull(insert, "insert");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** Per message: empty if its mark was already recorded, else how many of its entries were new. */
    @Override
    public List<OptionalInt> runAll(Connection connection, List<Marked<E>> messages) throws SQLException {
        List<Object[]> marks = new ArrayList<>(messages.size());
        for (Marked<E> message : messages) {
            SeenMark seen = message.seen();
            marks.add(new Object[] {seen.scope(), seen.key(), seen.expiresAt(), seen.now()});
        }
        int[] recorded = Sql.updateEach(connection, JdbcReplayGuardStore.RECORD_IF_ABSENT, marks);
        List<Object[]> rows = new ArrayList<>();
        List<Integer> rowOwners = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (recorded[i] == 1) {
                for (E entry : messages.get(i).entries()) {
                    rows.add(parameters.apply(entry));
                    rowOwners.add(i);
                }
            }
        }
        int[] inserted = Sql.updateEach(connection, insert, rows);
        int[] newEntries = new int[messages.size()];
        for (int row = 0; row < inserted.length; row++) {
            newEntries[rowOwners.get(row)] += inserted[row];
        }
        List<OptionalInt> outputs = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            outputs.add(recorded[i] == 1 ? OptionalInt.of(newEntries[i]) : OptionalInt.empty());
        }
        return outputs;
    }
}
