package dev.missive.cli.emsg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.cli.MissiveCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs one {@code missive} command in this JVM on a fresh command line, as a shell would run it. */
final class EmsgCli {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What a finished command left behind. */
    record Result(int exit, String out, String err) {

        /** The output's only line, after checking the command succeeded. */
        String line() {
            assertThat(exit).as(err).isZero();
            assertThat(out.lines().toList()).as(out).hasSize(1);
            return out.strip();
        }

        /** Each output line parsed as JSON, after checking the command succeeded. */
        List<JsonNode> json() {
            assertThat(exit).as(err).isZero();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.lines().toList()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return lines;
        }
    }

    private EmsgCli() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MissiveCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
