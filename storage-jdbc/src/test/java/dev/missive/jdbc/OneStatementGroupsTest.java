package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.jdbc.testing.PostgresBackend;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group that is one statement of one {@link CombinedWork} ({@link CombinedWork#isOneStatement})
 * runs in autocommit mode on PostgreSQL: the statement, several queries in one round trip, commits
 * as a whole or not at all.
 */
class OneStatementGroupsTest {

    @RegisterExtension
    static final PostgresBackend BACKEND = new PostgresBackend();

    /**
     * Inserts each input's name, then inserts {@code 'second-' || name}, both in one statement. Like
     * the SMP statement, the first query has a parameter bound as an untyped NULL and both return
     * variable-width columns (bytea), which is what could make the driver describe a query apart.
     */
    private static final String TWO_INSERTS = """
            INSERT INTO one_statement (name) SELECT n FROM unnest(?::text[]) AS n WHERE ?::text IS NULL
                RETURNING convert_to(name, 'UTF8');
            INSERT INTO one_statement (name) SELECT 'second-' || n FROM unnest(?::text[]) AS n
                RETURNING convert_to(name, 'UTF8')""";

    /** Runs {@link #TWO_INSERTS} for the inputs; every input's output is its first insert's name. */
    private static final class TwoInserts implements CombinedWork<String, String> {
        final AtomicInteger calls = new AtomicInteger();
        final boolean oneStatement;
        final Exception failAfterTheStatement;

        TwoInserts(boolean oneStatement, Exception failAfterTheStatement) {
            this.oneStatement = oneStatement;
            this.failAfterTheStatement = failAfterTheStatement;
        }

        @Override
        public List<String> runAll(Connection connection, List<String> inputs) throws SQLException {
            calls.incrementAndGet();
            String[] names = inputs.toArray(String[]::new);
            Sql.RowMapper<String> inserted = r -> new String(r.bytes(1), StandardCharsets.UTF_8);
            List<List<Object>> results =
                    Sql.queryEach(connection, TWO_INSERTS, List.of(inserted, inserted), names, null, names);
            if (failAfterTheStatement instanceof SQLException e) {
                throw e;
            }
            if (failAfterTheStatement instanceof RuntimeException e) {
                throw e;
            }
            List<String> outputs = new ArrayList<>();
            results.get(0).forEach(name -> outputs.add((String) name));
            return outputs;
        }

        @Override
        public boolean isOneStatement(List<String> inputs) {
            return oneStatement;
        }
    }

    @BeforeEach
    void createTable() {
        BACKEND.database()
                .inTransaction(c -> Sql.update(c, "CREATE TABLE IF NOT EXISTS one_statement (name TEXT PRIMARY KEY)"));
        BACKEND.clear("one_statement");
    }

    private static List<String> names() {
        return BACKEND.database()
                .read(
                        "test",
                        "names",
                        c -> Sql.queryList(c, "SELECT name FROM one_statement ORDER BY name", r -> r.string(1)));
    }

    @Test
    void aOneStatementUnitCommitsBothQueriesAndCountsOneCommit() {
        Database database = BACKEND.database();
        Database.WriteCounts before = database.writeCounts();

        String output = database.write("test", "insert", new TwoInserts(true, null), "a");

        assertThat(output).isEqualTo("a");
        assertThat(names()).containsExactly("a", "second-a");
        Database.WriteCounts after = database.writeCounts();
        assertThat(after.commits() - before.commits()).isEqualTo(1);
    }

    @Test
    void whenTheSecondQueryFailsTheFirstIsRolledBackAndTheUnitRunsAloneAndFailsAgain() {
        BACKEND.database().inTransaction(c -> Sql.update(c, "INSERT INTO one_statement (name) VALUES ('second-b')"));
        TwoInserts work = new TwoInserts(true, null);

        assertThatThrownBy(() -> BACKEND.database().write("test", "insert", work, "b"));

        // Nothing of the failed statement stayed: not its first insert, in either run.
        assertThat(names()).containsExactly("second-b");
        assertThat(work.calls.get()).isEqualTo(2);
    }

    @Test
    void theQueriesStayOneTransactionOnceTheDriverPreparedThemOnTheServer() {
        // pgjdbc prepares a statement on the server from its fifth use on (prepareThreshold).
        TwoInserts work = new TwoInserts(true, null);
        for (int i = 0; i < 8; i++) {
            BACKEND.database().write("test", "insert", work, "warm" + i);
        }
        BACKEND.database().inTransaction(c -> Sql.update(c, "INSERT INTO one_statement (name) VALUES ('second-f')"));

        assertThatThrownBy(() -> BACKEND.database().write("test", "insert", work, "f"));

        assertThat(names()).doesNotContain("f").contains("second-f", "warm7", "second-warm7");
    }

    @Test
    void aFailureAfterTheStatementCommittedFailsTheCallerAndNeverRunsItAgain() {
        TwoInserts work = new TwoInserts(true, new IllegalStateException("reading the results failed"));

        assertThatThrownBy(() -> BACKEND.database().write("test", "insert", work, "c"))
                .hasMessage("reading the results failed");

        assertThat(names()).containsExactly("c", "second-c");
        assertThat(work.calls.get()).isEqualTo(1);
    }

    @Test
    void aCheckOfTheResultsThatFailsAfterTheStatementCommittedNeverRunsItAgain() {
        // An SQLException without a SQLSTATE is the store's own check (Sql), not the database's refusal.
        TwoInserts work = new TwoInserts(true, new SQLException("the results did not add up"));

        assertThatThrownBy(() -> BACKEND.database().write("test", "insert", work, "e"))
                .isInstanceOf(StoreException.class)
                .hasRootCauseMessage("the results did not add up");

        assertThat(names()).containsExactly("e", "second-e");
        assertThat(work.calls.get()).isEqualTo(1);
    }

    @Test
    void aWorkThatIsNotOneStatementStillRunsInATransactionOfItsOwn() {
        TwoInserts work = new TwoInserts(false, new IllegalStateException("reading the results failed"));

        assertThatThrownBy(() -> BACKEND.database().write("test", "insert", work, "d"));

        // Rolled back both times: the failure came before the transaction's commit.
        assertThat(names()).isEmpty();
    }
}
