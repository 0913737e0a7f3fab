package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreUrlTest {

    @Test
    void parsesMemory() {
        assertThat(StoreUrl.parse("memory:")).isEqualTo(new StoreUrl.Memory());
        assertThat(StoreUrl.parse("memory:")).hasToString("memory:");
    }

    @Test
    void parsesSqlitePaths() {
        assertThat(StoreUrl.parse("sqlite:data/node.db")).isEqualTo(new StoreUrl.Sqlite(Path.of("data/node.db")));
        assertThat(StoreUrl.parse("sqlite:/var/lib/missive/node.db"))
                .isEqualTo(new StoreUrl.Sqlite(Path.of("/var/lib/missive/node.db")));
        assertThat(StoreUrl.parse("sqlite:node.db")).hasToString("sqlite:node.db");
    }

    @Test
    void parsesPostgresUrlsUnchanged() {
        String url = "jdbc:postgresql://db.example:5433/missive?user=node&sslmode=require";
        assertThat(StoreUrl.parse(url)).isEqualTo(new StoreUrl.Postgres(url));
    }

    @Test
    void readsTheFirstCurrentSchema() {
        StoreUrl.Postgres withSchema = (StoreUrl.Postgres)
                StoreUrl.parse("jdbc:postgresql://localhost/test?user=postgres&currentSchema=node_a,public");
        StoreUrl.Postgres without = (StoreUrl.Postgres) StoreUrl.parse("jdbc:postgresql://localhost/test");
        assertThat(withSchema.currentSchema()).contains("node_a");
        assertThat(without.currentSchema()).isEmpty();
    }

    @Test
    void neverShowsThePassword() {
        StoreUrl url = StoreUrl.parse("jdbc:postgresql://localhost/test?user=node&password=hunter2&ssl=true");
        assertThat(url.toString())
                .doesNotContain("hunter2")
                .contains("password=***")
                .contains("ssl=true");
        assertThat(StoreUrl.parse("jdbc:postgresql://localhost/test?PASSWORD=hunter2")
                        .toString())
                .doesNotContain("hunter2");
    }

    @Test
    void sqliteSyncsEveryCommitUnlessTheUrlOptsIntoNormal() {
        assertThat(((StoreUrl.Sqlite) StoreUrl.parse("sqlite:node.db")).synchronous())
                .isEqualTo(StoreUrl.Synchronous.FULL);
        assertThat(StoreUrl.parse("sqlite:node.db?synchronous=normal"))
                .isEqualTo(new StoreUrl.Sqlite(Path.of("node.db"), StoreUrl.Synchronous.NORMAL))
                .hasToString("sqlite:node.db?synchronous=normal");
        assertThat(StoreUrl.parse("sqlite:node.db?synchronous=FULL"))
                .isEqualTo(new StoreUrl.Sqlite(Path.of("node.db")))
                .hasToString("sqlite:node.db");
    }

    @Test
    void sqliteOptionsAreParsedStrictly() {
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:a.db?mode=memory"))
                .isInstanceOf(StoreUrlException.class)
                .hasMessageContaining("unknown sqlite: option 'mode'");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:a.db?synchronous=off"))
                .isInstanceOf(StoreUrlException.class)
                .hasMessageContaining("must be full or normal");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:a.db?synchronous=full&synchronous=normal"))
                .isInstanceOf(StoreUrlException.class)
                .hasMessageContaining("twice");
        for (String bad : new String[] {
            "sqlite:a.db?",
            "sqlite:a.db?synchronous",
            "sqlite:a.db?synchronous=normal&",
            "sqlite:?synchronous=normal",
            "sqlite:a.db?x%27=1"
        }) {
            assertThatThrownBy(() -> StoreUrl.parse(bad)).as(bad).isInstanceOf(StoreUrlException.class);
        }
    }

    @Test
    void rejectsEverythingElseWithATypedError() {
        for (String bad : new String[] {
            "",
            "memory",
            "memory:x",
            "MEMORY:",
            "sqlite:",
            "sqlite:   ",
            "sqlite:a.db?mode=memory",
            "jdbc:sqlite:a.db",
            "jdbc:postgresql:test",
            "jdbc:postgresql://",
            "postgres://localhost/test",
            "jdbc:mysql://localhost/test",
            "jdbc:postgresql://localhost/",
            "jdbc:postgresql://localhost:notaport/test",
            "file:/tmp/x"
        }) {
            assertThatThrownBy(() -> StoreUrl.parse(bad)).as(bad).isInstanceOf(StoreUrlException.class);
        }
    }

    @Test
    void errorsDoNotEchoTheInput() {
        assertThatThrownBy(() -> StoreUrl.parse("jdbc:postgresql://h:bad/test?password=hunter2"))
                .isInstanceOf(StoreUrlException.class)
                .message()
                .doesNotContain("hunter2");
        assertThatThrownBy(() -> StoreUrl.parse("mysql://u:hunter2@h/db"))
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void anyOtherTextIsRefusedWithStoreUrlException() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40))
                .assuming(text -> !text.startsWith("sqlite:")
                        && !text.startsWith("jdbc:postgresql://")
                        && !text.equals("memory:"))
                .checkAssert(
                        text -> assertThatThrownBy(() -> StoreUrl.parse(text)).isInstanceOf(StoreUrlException.class));
    }

    @Test
    void anySqliteSuffixEitherParsesOrIsRefusedWithStoreUrlException() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(path -> {
            try {
                assertThat(StoreUrl.parse("sqlite:" + path)).isInstanceOf(StoreUrl.Sqlite.class);
            } catch (StoreUrlException expected) {
                // refused with the typed error: fine
            }
        });
    }
}
