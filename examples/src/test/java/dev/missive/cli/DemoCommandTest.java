package dev.missive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo is the README's first command: it must pass end to end, and keep its stores when asked. */
class DemoCommandTest {

    @Test
    void everyStepSucceedsAndTheStoresStayInTheDataDirectory(@TempDir Path data) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("demo", "--data", data.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        String transcript = out.toString();
        assertThat(transcript).doesNotContain("FAILED");
        assertThat(transcript)
                .contains("[openmsg] ok  Bob's inbox: 1 message from 1000000*a.missive.test: \"Hello Bob!\"");
        assertThat(transcript).contains("[smp] ok  Alice receives Bob's reply: \"Hi Alice! Bob here.\"");
        assertThat(transcript)
                .contains(
                        "[mesh] ok  after further syncs the packet does not come back anywhere: A, B and C hold nothing");
        assertThat(transcript).containsPattern("demo: all \\d+ steps succeeded");
        assertThat(data.resolve("openmsg-a.db")).exists();
        assertThat(data.resolve("openmsg-b.db")).exists();
        assertThat(data.resolve("smp.db")).exists();
        assertThat(data.resolve("mesh-c.db")).exists();
    }

    @Test
    void aTemporaryDataDirectoryIsRemoved() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));

        assertThat(cli.execute("demo")).isZero();

        String firstLine = out.toString().lines().findFirst().orElseThrow();
        Path used = Path.of(firstLine.substring(firstLine.indexOf(" in ") + 4));
        assertThat(Files.exists(used)).isFalse();
    }
}
