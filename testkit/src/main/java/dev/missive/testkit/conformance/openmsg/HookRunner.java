package dev.missive.testkit.conformance.openmsg;

import dev.missive.testkit.conformance.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an operator hook: {@code /bin/sh -c} with the placeholders filled in and set as environment variables. */
final class HookRunner {

    private static final long WAIT_SECONDS = 120;

    /** What a hook printed and how it ended. */
    record Result(int exit, String out, String err) {}

    private HookRunner() {}

    /** Runs {@code template}; a hook that cannot start or does not end in time fails the check. */
    static Result run(String name, String template, Map<String, String> values) throws InterruptedException {
        String command = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            command = command.replace("{" + value.getKey() + "}", value.getValue());
        }
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
        values.forEach((key, value) -> builder.environment().put("MISSIVE_" + key.toUpperCase(Locale.ROOT), value));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw Verdict.fail("the " + name + " hook could not start: " + e.getMessage());
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw Verdict.fail("the " + name + " hook did not finish within " + WAIT_SECONDS + " s");
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    /** Runs the hook and requires exit code 0. */
    static Result runOk(String name, String template, Map<String, String> values) throws InterruptedException {
        Result result = run(name, template, values);
        if (result.exit() != 0) {
            throw Verdict.fail("the " + name + " hook exited with " + result.exit() + ": "
                    + result.err().strip().lines().reduce((a, b) -> b).orElse(""));
        }
        return result;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, command -> Thread.ofVirtual().start(command));
    }
}
