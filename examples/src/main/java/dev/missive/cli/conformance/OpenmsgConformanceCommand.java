package dev.missive.cli.conformance;

import dev.missive.cli.CommandFailure;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.testkit.conformance.openmsg.OpenmsgConformanceSuite;
import dev.missive.testkit.conformance.openmsg.OpenmsgTarget;
import dev.missive.testkit.conformance.openmsg.OperatorHooks.Operation;
import dev.missive.testkit.conformance.openmsg.ShellHooks;
import java.io.IOException;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive conformance openmsg}: the Openmsg 1.0 suite against a node. The command is itself a
 * peer node for {@code --domain}, serving {@code http://HOST:PORT/openmsg/} at {@code --listen}; the
 * target must reach that domain there. The {@code --*-cmd} templates drive the target's operator side.
 */
@Command(
        name = "openmsg",
        mixinStandardHelpOptions = true,
        description = "Run the Openmsg 1.0 conformance suite against a node.",
        footer = {
            "",
            "Hook placeholders (also environment variables MISSIVE_<NAME>): {user} the target user's address,",
            "{user_id}, {peer} the suite's own user address, {pass_code}, {text}. A hook must exit 0;",
            "--passcode-cmd prints a pass code (the first six-digit word counts), --inbox-cmd prints the inbox.",
            "%nExample:",
            "  missive conformance openmsg --target http://127.0.0.1:8082/openmsg/ --target-user '2000000*b.example'"
                    + " --domain a.example --listen 127.0.0.1:8081"
                    + " --passcode-cmd 'missive openmsg passcode --store sqlite:b.db --user {user_id}'"
        })
public final class OpenmsgConformanceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "URL",
            description = "The target's Openmsg base, e.g. https://example.com/openmsg/.")
    private String target;

    @Option(
            names = "--target-user",
            required = true,
            paramLabel = "ADDR",
            description = "A user of the target, id*domain.")
    private String targetUser;

    @Option(
            names = "--domain",
            required = true,
            paramLabel = "D",
            description = "The domain this command's peer node serves.")
    private String domain;

    @Option(
            names = "--listen",
            required = true,
            paramLabel = "HOST:PORT",
            description = "Where this command serves http://HOST:PORT/openmsg/ for --domain.")
    private String listen;

    @Option(names = "--passcode-cmd", paramLabel = "CMD", description = "Issues a pass code for {user} and prints it.")
    private String passCodeCmd;

    @Option(
            names = "--connect-cmd",
            paramLabel = "CMD",
            description = "Makes {user} connect to {peer} with {pass_code}.")
    private String connectCmd;

    @Option(names = "--send-cmd", paramLabel = "CMD", description = "Makes {user} send {text} to {peer}.")
    private String sendCmd;

    @Option(names = "--inbox-cmd", paramLabel = "CMD", description = "Prints {user}'s inbox.")
    private String inboxCmd;

    @Option(names = "--sandbox", description = "Both nodes use the /openmsg/sandbox/ paths.")
    private boolean sandbox;

    /** Picocli instantiates the command. */
    public OpenmsgConformanceCommand() {}

    @Override
    public Integer call() {
        HostPort listenAt = HostPort.parse(spec, "--listen", listen);
        OpenmsgAddress user = OpenmsgAddress.tryParse(targetUser)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--target-user '" + targetUser + "' is not an Openmsg address"));
        if (!OpenmsgAddress.isValidDomain(domain) || domain.equalsIgnoreCase(user.domain())) {
            throw new ParameterException(
                    spec.commandLine(), "--domain '" + domain + "' is not a valid domain other than the target user's");
        }
        URI base = HttpTarget.parse(spec, target);
        Map<Operation, String> hooks = new EnumMap<>(Operation.class);
        put(hooks, Operation.PASS_CODE, passCodeCmd);
        put(hooks, Operation.CONNECT, connectCmd);
        put(hooks, Operation.SEND, sendCmd);
        put(hooks, Operation.INBOX, inboxCmd);
        OpenmsgTarget openmsgTarget =
                new OpenmsgTarget(base, user, domain, listenAt.host(), listenAt.port(), new ShellHooks(hooks), sandbox);
        OpenmsgConformanceSuite suite;
        try {
            suite = OpenmsgConformanceSuite.start(openmsgTarget);
        } catch (IOException e) {
            throw new CommandFailure("cannot listen on " + listen + ": " + CommandFailure.reason(e), e);
        }
        try (suite) {
            spec.commandLine().getErr().println("serving " + domain + " at " + suite.peerBaseUri());
            return report.run(
                    suite, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    private static void put(Map<Operation, String> hooks, Operation operation, String template) {
        if (template != null && !template.isBlank()) {
            hooks.put(operation, template);
        }
    }
}
