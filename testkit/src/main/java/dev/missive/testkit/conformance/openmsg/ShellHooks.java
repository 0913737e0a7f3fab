package dev.missive.testkit.conformance.openmsg;

import dev.missive.testkit.conformance.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Operator hooks as shell command templates ({@code missive conformance openmsg --passcode-cmd ...}):
 * each runs with {@code /bin/sh -c} after the placeholders ({@code {user}}, {@code {user_id}},
 * {@code {peer}}, {@code {pass_code}}, {@code {text}}) are filled in; the same values are set as
 * environment variables {@code MISSIVE_USER}, {@code MISSIVE_USER_ID}, {@code MISSIVE_PEER},
 * {@code MISSIVE_PASS_CODE}, {@code MISSIVE_TEXT}. A hook must exit with 0; its standard output is
 * what the suite reads.
 */
public final class ShellHooks implements OperatorHooks {

    private static final long WAIT_SECONDS = 120;

    /** What a hook printed and how it ended. */
    private record Result(int exit, String out, String err) {}

    private final Map<Operation, String> templates;

    /**
     * Hooks from command templates; operations without one are unsupported.
     *
     * @param templates the command template of each supported operation
     */
    public ShellHooks(Map<Operation, String> templates) {
        this.templates = Map.copyOf(templates);
    }

    @Override
    public boolean supports(Operation operation) {
        return templates.containsKey(operation);
    }

    @Override
    public String run(Operation operation, Map<String, String> values) throws InterruptedException {
        String template = templates.get(operation);
        if (template == null) {
            throw Verdict.skip("no hook for " + operation);
        }
        return runOk(operation.name().toLowerCase(Locale.ROOT).replace('_', '-'), template, values)
                .out();
    }

    /** Runs {@code template}; a hook that cannot start or does not end in time fails the check. */
    private static Result run(String name, String template, Map<String, String> values) throws InterruptedException {
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
    private static Result runOk(String name, String template, Map<String, String> values) throws InterruptedException {
        Result result = run(name, template, values);
        if (result.exit() != 0) {
            throw Verdict.fail("the " + name + " hook exited with " + result.exit() + ": "
                    + result.err().strip().lines().reduce((a, b) -> b).orElse(""));
        }
        return result;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (stream) {
                        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                },
                command -> Thread.ofVirtual().start(command));
    }
}
