package dev.missive.cli.openmsg;

import dev.missive.cli.ListenOptions;
import dev.missive.cli.LogOptions;
import dev.missive.cli.StoreOption;
import dev.missive.cli.TlsServerOptions;
import dev.missive.cli.UntilStopped;
import dev.missive.event.LoggingEventListener;
import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.jdbc.StoreUrl;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive openmsg-node}: an Openmsg node serving the four endpoints under {@code /openmsg/}
 * (and {@code /openmsg/sandbox/}) until the process is stopped. Operator commands
 * ({@code missive openmsg ...}) may run in other processes against the same {@code --store}.
 */
@Command(
        name = "openmsg-node",
        footer = {
            "%nExample:",
            "  missive openmsg-node --domain a.example --port 8081 --store sqlite:a.db --user 1000000:Alice --peer b.example=http://127.0.0.1:8082/openmsg/"
        },
        mixinStandardHelpOptions = true,
        description = {
            "Run an Openmsg node: serves POST /openmsg/{auth,auth-confirm,message-receive,message-confirm}/.",
            "Prints 'listening on HOST:PORT' once ready. Plain HTTP (for a TLS terminator in front) unless"
                    + " --tls-cert/--tls-key are given; peers call https://DOMAIN/openmsg/ on port 443."
        })
public final class OpenmsgNodeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--domain",
            required = true,
            paramLabel = "D",
            description = "This node's domain (the part after '*').")
    private String domain;

    @Mixin
    private ListenOptions listen;

    @Option(
            names = "--store",
            paramLabel = "URL",
            defaultValue = "memory:",
            converter = StoreOption.class,
            description = StoreOption.DESCRIPTION + " (default: ${DEFAULT-VALUE}).")
    private StoreUrl store;

    @Option(
            names = "--user",
            paramLabel = "ID[:NAME]",
            description = "Create (or rename) local user ID with display NAME (default: the id). Repeatable.")
    private List<String> users = new ArrayList<>();

    @Mixin
    private TlsServerOptions tlsOptions;

    @Mixin
    private PeerOptions peerOptions;

    @Mixin
    private LogOptions logOptions;

    private static final Logger LOG = LoggerFactory.getLogger(OpenmsgNodeCommand.class);

    private final UntilStopped running = new UntilStopped();

    /** Picocli instantiates the command. */
    public OpenmsgNodeCommand() {}

    @Override
    public Integer call() throws Exception {
        logOptions.apply();
        PrintWriter out = spec.commandLine().getOut();
        Optional<SSLContext> tls = tlsOptions.context(spec.commandLine());
        listen.clearReady();
        try (OpenmsgStoreHandle handle = OpenmsgStoreHandle.open(store)) {
            OpenmsgNode node;
            try {
                node = OpenmsgNode.builder()
                        .domain(domain)
                        .store(handle.store())
                        .transport(peerOptions.transport())
                        .locator(peerOptions.locator())
                        .clock(Clock.system())
                        .random(RandomSource.secure())
                        .config(peerOptions.config())
                        .eventListener(new LoggingEventListener())
                        .build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--domain " + domain + ": " + e.getMessage());
            }
            for (String user : users) {
                int colon = user.indexOf(':');
                String id = colon < 0 ? user : user.substring(0, colon);
                try {
                    node.addUser(id, colon < 0 ? id : user.substring(colon + 1));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--user " + user + ": " + e.getMessage());
                }
            }
            handle.jdbc()
                    .ifPresent(jdbc -> jdbc.registerNodeDomain(
                            node.domain(), Clock.system().now()));
            OpenmsgHttpServer.Builder server =
                    OpenmsgHttpServer.builder(node).host(listen.host()).port(listen.port());
            tls.ifPresent(server::https);
            try (OpenmsgHttpServer started = UntilStopped.start(listen, server::start)) {
                LOG.info(
                        "openmsg-node {} started on {}:{} ({}), store {}",
                        domain,
                        listen.host(),
                        started.port(),
                        tls.isPresent() ? "https" : "http",
                        store);
                running.serve("openmsg-node", listen, out, started.port());
            }
            LOG.info("openmsg-node {} stopped", domain);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Stops a running node (tests; the process form stops on SIGINT/SIGTERM). */
    public void stop() {
        running.stop();
    }
}
