package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.jdbc.testing.PostgresBackend;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabasePostgresTest {

    @RegisterExtension
    static final PostgresBackend BACKEND = new PostgresBackend();

    @Test
    void migratesEachProtocolIntoTheUrlsSchema() {
        Database database = BACKEND.database();
        assertThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
        database.migrate(JdbcReplayGuardStore.PROTOCOL);
        database.migrate("sample");
        database.migrate("sample");
        assertThat(tablesIn(database, BACKEND.schema()))
                .contains("replay_guard", "sample_item", "flyway_guard_history", "flyway_sample_history");
        assertThat(tablesIn(database, "public")).doesNotContain("replay_guard", "flyway_guard_history");
        assertThat(DatabaseSqliteTest.appliedVersions(database, "flyway_sample_history"))
                .containsExactly("0", "1", "2");
    }

    @Test
    void urlNamesTheTestSchemaAndHidesNoPasswordItWasNotGiven() {
        assertThat(BACKEND.url().currentSchema()).contains(BACKEND.schema());
        assertThat(BACKEND.schema()).matches("missive_test_[0-9a-f]{12}");
    }

    @Test
    void batchesReportEachRowsCountEvenWhenTheUrlAsksForRewrittenInserts() throws Exception {
        StoreUrl rewriting = new StoreUrl.Postgres(BACKEND.url().jdbcUrl() + "&reWriteBatchedInserts=true");
        try (Database database = Database.open(rewriting)) {
            database.migrate(JdbcReplayGuardStore.PROTOCOL);
            int[] counts = database.inTransaction(connection -> Sql.updateEach(
                    connection,
                    "INSERT INTO replay_guard (scope, guard_key, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    List.of(new Object[] {"rewrite", "a", 1L}, new Object[] {"rewrite", "b", 1L}, new Object[] {
                        "rewrite", "a", 1L
                    })));
            assertThat(counts).containsExactly(1, 1, 0);
        }
    }

    private static List<String> tablesIn(Database database, String schema) {
        return database.inTransaction(connection -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
                query.setString(1, schema);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
            }
            return names;
        });
    }
}
