package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledMigrationsTest {

    @Test
    void theHighestVersionOfEachProtocolFolderIsItsNewestMigration() throws IOException {
        for (String protocol : new String[] {"guard", "openmsg", "smp"}) {
            for (Dialect dialect : Dialect.values()) {
                Path folder = Path.of("src/main/resources/db/missive", protocol, dialect.migrationFolder());
                int newest;
                try (var files = Files.list(folder)) {
                    newest = files.map(f -> f.getFileName().toString())
                            .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                            .max()
                            .orElseThrow();
                }
                assertThat(BundledMigrations.latestVersion(protocol, dialect))
                        .as(protocol + "/" + dialect)
                        .hasValue(newest);
            }
        }
    }

    @Test
    void readsAFolderInsideAJarAsTheShadedCliJarHoldsIt(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("store.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"db/", "db/p/", "db/p/V1__a.sql", "db/p/V12__b.sql", "db/p/V3__c.sql"}) {
                zip.putNextEntry(new ZipEntry(name));
                zip.closeEntry();
            }
        }
        URL folder = URI.create("jar:" + jar.toUri() + "!/db/p").toURL();

        assertThat(BundledMigrations.latestVersionAt(folder)).hasValue(12);
    }

    @Test
    void aFileFlywayWouldNameOtherwiseLeavesTheDecisionToFlyway(@TempDir Path dir) throws IOException {
        for (String name : new String[] {"V1__a.sql", "V2_1__b.sql"}) {
            try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
                out.write(';');
            }
        }

        assertThat(BundledMigrations.latestVersionAt(dir.toUri().toURL())).isEqualTo(OptionalInt.empty());
    }
}
