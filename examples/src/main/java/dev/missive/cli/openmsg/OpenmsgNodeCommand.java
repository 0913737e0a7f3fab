package dev.missive.cli.openmsg;

import dev.missive.http.openmsg.OpenmsgHttpServer;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code missive openmsg-node}: an Openmsg node serving the four endpoints under {@code /openmsg/}
 * (and {@code /openmsg/sandbox/}) until the process is stopped. Operator commands
 * ({@code missive openmsg ...}) may run in other processes against the same {@code --store}.
 */
@Command(name = "openmsg-node", mixinStandardHelpOptions = true,
        description = {"Run an Openmsg node: serves POST /openmsg/{auth,auth-confirm,message-receive,message-confirm}/.",
            "Prints 'listening on HOST:PORT' once ready. Plain HTTP (for a TLS terminator in front) unless"
                    + " --tls-cert/--tls-key are given; peers call https://DOMAIN/openmsg/ on port 443."})
public final class OpenmsgNodeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--domain", required = true, paramLabel = "D", description = "This node's domain (the part after '*').")
    private String domain;

    @Option(names = "--port", required = true, paramLabel = "P", description = "Port to listen on (0 picks a free one).")
    private int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "memory:",
            description = "memory:, sqlite:PATH or jdbc:postgresql://... (default: ${DEFAULT-VALUE}).")
    private String store;

    @Option(names = "--user", paramLabel = "ID[:NAME]",
            description = "Create (or rename) local user ID with display NAME (default: the id). Repeatable.")
    private List<String> users = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain, leaf first.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key of the certificate.")
    private Path tlsKey;

    @Mixin
    private PeerOptions peerOptions;

    private final CountDownLatch stop = new CountDownLatch(1);

    /** Picocli instantiates the command. */
    public OpenmsgNodeCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((tlsCert == null) != (tlsKey == null)) {
            err.println("openmsg-node: --tls-cert and --tls-key go together");
            return 2;
        }
        try (OpenmsgStoreHandle handle = OpenmsgStoreHandle.open(store)) {
            OpenmsgNode node = OpenmsgNode.builder()
                    .domain(domain)
                    .store(handle.store())
                    .transport(peerOptions.transport())
                    .locator(peerOptions.locator())
                    .clock(Clock.system())
                    .random(RandomSource.secure())
                    .config(peerOptions.config())
                    .events(new PeerCallLog())
                    .build();
            for (String user : users) {
                int colon = user.indexOf(':');
                String id = colon < 0 ? user : user.substring(0, colon);
                node.addUser(id, colon < 0 ? id : user.substring(colon + 1));
            }
            handle.jdbc().ifPresent(jdbc -> jdbc.registerNodeDomain(node.domain(), Clock.system().now()));
            OpenmsgHttpServer.Builder server = OpenmsgHttpServer.builder(node).host(host).port(port);
            if (tlsCert != null) {
                server.https(Tls.serverContext(tlsCert, tlsKey));
            }
            try (OpenmsgHttpServer running = server.start()) {
                Thread hook = new Thread(stop::countDown, "openmsg-node-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                out.println("listening on " + host + ":" + running.port());
                out.flush();
                try {
                    stop.await();
                } finally {
                    removeHook(hook);
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Stops a running node (tests; the process form stops on SIGINT/SIGTERM). */
    public void stop() {
        stop.countDown();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting: the hook is running or ran.
        }
    }
}
