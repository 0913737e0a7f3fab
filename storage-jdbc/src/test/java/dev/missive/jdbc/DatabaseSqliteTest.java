package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.jdbc.testing.SqliteBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSqliteTest {

    @RegisterExtension
    static final SqliteBackend BACKEND = new SqliteBackend();

    @Test
    void opensTheFileInWalModeWithBusyTimeoutAndForeignKeys() {
        Database database = BACKEND.database();
        assertThat(database.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(pragma(database, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(database, "busy_timeout")).isEqualTo(String.valueOf(Database.SQLITE_BUSY_TIMEOUT_MILLIS));
        assertThat(pragma(database, "foreign_keys")).isEqualTo("1");
        assertThat(pragma(database, "synchronous")).as("FULL").isEqualTo("2");
        assertThat(BACKEND.file()).exists();
    }

    @Test
    void synchronousNormalIsAnOptInOfTheUrl(@TempDir Path directory) {
        try (Database database = Database.open("sqlite:" + directory.resolve("normal.db") + "?synchronous=normal")) {
            assertThat(pragma(database, "synchronous")).as("NORMAL").isEqualTo("1");
        }
    }

    @Test
    void enforcesForeignKeys() {
        Database database = BACKEND.database();
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
                statement.execute("CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id))");
            }
            return null;
        });
        assertThatThrownBy(() -> database.inTransaction(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        return statement.executeUpdate("INSERT INTO child (parent_id) VALUES (42)");
                    }
                }))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void protocolsMigrateIndependentlyAndRepeatably() {
        Database database = BACKEND.database();
        database.migrate(JdbcReplayGuardStore.PROTOCOL);
        database.migrate("sample");
        database.migrate("sample");
        assertThat(tables(database))
                .contains("replay_guard", "sample_item", "flyway_guard_history", "flyway_sample_history");
        assertThat(appliedVersions(database, "flyway_sample_history")).containsExactly("0", "1", "2");
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT INTO sample_item (name, note) VALUES ('a', 'from V2')");
            }
        });
    }

    @Test
    void refusesUnknownProtocolsAndBadNames() {
        Database database = BACKEND.database();
        assertThatThrownBy(() -> database.migrate("nosuchprotocol")).isInstanceOf(StoreException.class);
        for (String bad : new String[] {"", "Guard", "../guard", "guard/sqlite", "1guard", "a-b"}) {
            assertThatThrownBy(() -> database.migrate(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void createsTheDirectoryOfANewFile(@TempDir Path directory) {
        Path file = directory.resolve("nested/dir/node.db");
        try (Database database = Database.open("sqlite:" + file)) {
            assertThat(database.url()).isEqualTo(new StoreUrl.Sqlite(file));
            database.migrate(JdbcReplayGuardStore.PROTOCOL);
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void memoryHasNoDatabase() {
        assertThatThrownBy(() -> Database.open("memory:"))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(StoreUrlException.class);
        assertThatThrownBy(() -> Database.open("nonsense")).isInstanceOf(StoreUrlException.class);
    }

    static String pragma(Database database, String name) {
        return database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
                rows.next();
                return rows.getString(1);
            }
        });
    }

    static List<String> tables(Database database) {
        return database.inTransaction(connection -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    names.add(rows.getString("TABLE_NAME"));
                }
            }
            return names;
        });
    }

    static List<String> appliedVersions(Database database, String historyTable) {
        return database.inTransaction(connection -> {
            List<String> versions = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT version FROM " + historyTable + " WHERE success ORDER BY installed_rank")) {
                while (rows.next()) {
                    versions.add(rows.getString(1));
                }
            }
            return versions;
        });
    }
}
