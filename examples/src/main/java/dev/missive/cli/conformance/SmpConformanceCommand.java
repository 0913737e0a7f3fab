package dev.missive.cli.conformance;

import dev.missive.crypto.EncodingException;
import dev.missive.crypto.Encodings;
import dev.missive.tcp.smp.SmpTransportMode;
import dev.missive.testkit.conformance.smp.SmpConformanceSuite;
import dev.missive.testkit.conformance.smp.SmpTarget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive conformance smp}: the SMP seed-dialect suite against a server at HOST:PORT, plain
 * or Appendix A encrypted (then with the server's key hash).
 */
@Command(
        name = "smp",
        footer = {
            "%nExample:",
            "  missive conformance smp --target 127.0.0.1:5223 --transport encrypted --key-hash KEYHASH"
        },
        mixinStandardHelpOptions = true,
        description = "Run the SMP seed-dialect conformance suite against a server.")
public final class SmpConformanceCommand implements Callable<Integer> {

    /** Transport choices on the command line. */
    enum Transport {
        plain,
        encrypted
    }

    /** Key schemes on the command line. */
    enum Scheme {
        ed25519,
        rsa
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "The server under test.")
    private String target;

    @Option(
            names = "--transport",
            paramLabel = "plain|encrypted",
            defaultValue = "plain",
            description = "plain or encrypted (Appendix A) (default: ${DEFAULT-VALUE}).")
    private Transport transport;

    @Option(
            names = "--key-hash",
            paramLabel = "B64",
            description =
                    "Encrypted mode: SHA-256 of the server key as smp-server prints it (base64url; base64 works too).")
    private String keyHash;

    @Option(
            names = "--scheme",
            paramLabel = "ed25519|rsa",
            defaultValue = "ed25519",
            description = "Queue keys: ed25519 or rsa (default: ${DEFAULT-VALUE}).")
    private Scheme scheme;

    /** Picocli instantiates the command. */
    public SmpConformanceCommand() {}

    @Override
    public Integer call() {
        HostPort hostPort = HostPort.parse(spec, "--target", target);
        byte[] hash = null;
        if (transport == Transport.encrypted) {
            if (keyHash == null) {
                throw new ParameterException(spec.commandLine(), "--transport encrypted needs --key-hash");
            }
            try {
                hash = Encodings.fromBase64OrBase64Url(keyHash);
            } catch (EncodingException e) {
                hash = new byte[0];
            }
            if (hash.length != 32) {
                throw new ParameterException(
                        spec.commandLine(), "--key-hash '" + keyHash + "' is not a SHA-256 in base64url or base64");
            }
        }
        SmpTarget smpTarget = new SmpTarget(
                hostPort.host(),
                hostPort.port(),
                transport == Transport.encrypted ? SmpTransportMode.ENCRYPTED : SmpTransportMode.PLAIN,
                hash,
                scheme == Scheme.rsa ? SmpTarget.KeyScheme.RSA : SmpTarget.KeyScheme.ED25519);
        try (SmpConformanceSuite suite = new SmpConformanceSuite(smpTarget)) {
            return report.run(
                    suite, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
