package dev.missive.cli.conformance;

import dev.missive.mesh.model.MeshOrigin;
import dev.missive.testkit.conformance.mesh.MeshConformanceSuite;
import dev.missive.testkit.conformance.mesh.MeshTarget;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive conformance mesh}: the mesh relay suite (Missive's J2 profile, docs/mesh.md) against
 * a server at URL, as a client with two fresh RSA-4096 keys.
 */
@Command(
        name = "mesh",
        mixinStandardHelpOptions = true,
        description = "Run the mesh relay (J2 profile) conformance suite against a server.",
        footer = {"%nExample:", "  missive conformance mesh --target http://127.0.0.1:8081 --junit mesh.xml"})
public final class MeshConformanceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "URL",
            description = "The server under test, http[s]://HOST[:PORT].")
    private String target;

    @Option(
            names = "--audience",
            paramLabel = "ORIGIN",
            description = "The origin to sign requests for (default: the origin its GET /version announces).")
    private String audience;

    /** Picocli instantiates the command. */
    public MeshConformanceCommand() {}

    @Override
    public Integer call() {
        URI base = HttpTarget.parse(spec, target);
        Optional<String> origin = Optional.empty();
        if (audience != null) {
            origin = Optional.of(MeshOrigin.normalize(audience)
                    .orElseThrow(() -> new ParameterException(
                            spec.commandLine(), "--audience '" + audience + "' is not an http(s) origin")));
        }
        spec.commandLine().getErr().println("generating two RSA-4096 client keys ...");
        try (MeshConformanceSuite suite = new MeshConformanceSuite(new MeshTarget(base, origin))) {
            return report.run(
                    suite, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
