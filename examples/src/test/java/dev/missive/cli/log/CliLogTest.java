package dev.missive.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The CLI's SLF4J backend: the levels {@code --log-level} sets, one line per entry in either format. */
class CliLogTest {

    private final Logger missive = LoggerFactory.getLogger("dev.missive.events.protocol");
    private final Logger library = LoggerFactory.getLogger("com.zaxxer.hikari.pool.HikariPool");

    @AfterEach
    void restore() {
        CliLog.configure(Level.WARN, CliLog.Format.text);
    }

    private static List<String> logged(Runnable logging) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void isTheProviderSlf4jFinds() {
        assertThat(LoggerFactory.getILoggerFactory().getLogger("x")).isInstanceOf(CliLogger.class);
    }

    @Test
    void theLevelAppliesToMissiveAndLibrariesStayAtWarn() {
        CliLog.configure(Level.DEBUG, CliLog.Format.text);

        List<String> lines = logged(() -> {
            missive.debug("step {}", 1);
            library.info("pool chatter");
            library.warn("pool trouble");
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith(" DEBUG dev.missive.events.protocol - step 1");
        assertThat(lines.get(1)).endsWith(" WARN com.zaxxer.hikari.pool.HikariPool - pool trouble");
    }

    @Test
    void warnHidesInfo() {
        CliLog.configure(Level.WARN, CliLog.Format.text);

        assertThat(logged(() -> missive.info("started"))).isEmpty();
    }

    @Test
    void jsonIsOneObjectPerEntryWithTheCause() throws Exception {
        CliLog.configure(Level.INFO, CliLog.Format.json);

        List<String> lines = logged(() -> missive.warn("refused {}", "x", new IOException("connection reset")));

        assertThat(lines).hasSize(1);
        JsonNode entry = new ObjectMapper().readTree(lines.get(0));
        assertThat(entry.path("level").asText()).isEqualTo("WARN");
        assertThat(entry.path("logger").asText()).isEqualTo("dev.missive.events.protocol");
        assertThat(entry.path("message").asText()).isEqualTo("refused x");
        assertThat(entry.path("error").asText()).startsWith("java.io.IOException: connection reset");
        assertThat(entry.path("time").asText()).isNotEmpty();
    }
}
