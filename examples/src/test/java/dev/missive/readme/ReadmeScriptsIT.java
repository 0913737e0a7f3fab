package dev.missive.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code sh} block of {@code README.md} runs as written: each one is a bash script
 * ({@code -e}, so any failing line fails it) started in the repository root, against the packaged
 * {@code examples/target/missive.jar}. It runs in the {@code integration-test} phase, after the jar
 * is built. A block right after a {@code <!-- readme-test: skip ... -->} line is left out; the
 * marker says why (the build commands that run this very test).
 */
class ReadmeScriptsIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Pattern BLOCK =
            Pattern.compile("(<!-- readme-test: skip[^>]*-->\\s*)?```sh\\n(.*?)```", Pattern.DOTALL);

    /** A shell block and where it starts, so a failure points at it. */
    record Block(int line, String script) {
        @Override
        public String toString() {
            return "README.md line " + line;
        }
    }

    static List<Block> blocks() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<Block> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            if (block.group(1) == null) {
                int line = (int) readme.substring(0, block.start(2)).lines().count();
                blocks.add(new Block(line, block.group(2)));
            }
        }
        return blocks;
    }

    @Test
    void theReadmeHasTheRecipesThisTestRuns() throws IOException {
        assertThat(blocks()).extracting(Block::script).anyMatch(script -> script.contains("openmsg-node"));
        assertThat(ROOT.resolve("examples/target/missive.jar")).isRegularFile();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void runsAsWritten(Block block, @TempDir Path dir) throws Exception {
        Path script = dir.resolve("block.sh");
        Files.writeString(script, block.script());
        Path output = dir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", script.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // The JDK running this test is the one the recipes get, as README's "Requirements" asks.
        Path javaHome = Path.of(System.getProperty("java.home"));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        // A bound, not a synchronization: a recipe that hangs (a node that never listens) fails the build.
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished)
                .as("finished within 5 minutes; printed:%n%s", printed)
                .isTrue();
        assertThat(process.exitValue()).as("exit code; printed:%n%s", printed).isZero();
        // A command's error line, a stack trace or a jshell script's failure report.
        assertThat(printed)
                .as("printed")
                .doesNotContainPattern("(?m)^missive [a-z -]+: ")
                .doesNotContain("Exception")
                .doesNotContain("FAILED");
    }
}
