package dev.missive.cli.osms;

import dev.missive.cli.ListenOptions;
import dev.missive.cli.LogOptions;
import dev.missive.cli.StoreOption;
import dev.missive.event.LoggingEventListener;
import dev.missive.http.osms.OsmsHttpServer;
import dev.missive.jdbc.StoreUrl;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code missive osms-server}: an OSMS user directory server on HTTP (meant to sit behind a Tor
 * onion service). Prints {@code fingerprint <hex>} (the server's OTR key fingerprint, which clients
 * pin with {@code --server-fingerprint}) and {@code listening on H:P} once ready, and runs until
 * stopped.
 */
@Command(
        name = "osms-server",
        footer = {"%nExample:", "  missive osms-server --port 8443 --store sqlite:osms.db --registration open"},
        mixinStandardHelpOptions = true,
        description = "Run an OSMS user directory server (OTR-authenticated sessions, Gob and JSON) on HTTP.")
public final class OsmsServerCommand implements Callable<Integer> {

    /** Registration choices on the command line. */
    enum Registration {
        open,
        closed
    }

    private static final Logger LOG = LoggerFactory.getLogger(OsmsServerCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ListenOptions listen;

    @Mixin
    private LogOptions logOptions;

    @Option(
            names = "--store",
            paramLabel = "URL",
            defaultValue = "memory:",
            converter = StoreOption.class,
            description = StoreOption.DESCRIPTION + " (default: ${DEFAULT-VALUE}).")
    private StoreUrl store;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "The server's OTR key (PEM PKCS#8 DSA-1024, as osms keygen writes). Default: generated"
                    + " once and kept in the store, so the fingerprint survives restarts.")
    private Path keyFile;

    @Option(
            names = "--registration",
            defaultValue = "closed",
            paramLabel = "open|closed",
            description = "open: an unknown username's first login creates its account, bound to the key the"
                    + " login proved; closed: accounts come only from `osms register` (default: ${DEFAULT-VALUE}).")
    private Registration registration;

    private final CountDownLatch stop = new CountDownLatch(1);

    /** Picocli instantiates the command. */
    public OsmsServerCommand() {}

    @Override
    public Integer call() throws Exception {
        logOptions.apply();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        listen.clearReady();
        try (OsmsServerStores stores = OsmsServerStores.open(store)) {
            OsmsServer server = stores.server(
                    keyFile,
                    OsmsConfig.DEFAULTS.withRegistrationOpen(registration == Registration.open),
                    new LoggingEventListener());
            OsmsHttpServer running;
            try {
                running = OsmsHttpServer.builder(server)
                        .host(listen.host())
                        .port(listen.port())
                        .start();
            } catch (IOException e) {
                throw listen.cannotListen(e);
            }
            try (running) {
                Thread hook = new Thread(stop::countDown, "osms-server-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                LOG.info(
                        "osms-server started on {}:{}, registration {}, store {}",
                        listen.host(),
                        running.port(),
                        registration,
                        store);
                if (keyFile == null && stores.inMemory()) {
                    err.println("warning: no --key and a memory: store: the server key (and its fingerprint) is"
                            + " new on every start");
                    err.flush();
                }
                out.println("fingerprint " + server.publicKey().fingerprintHex());
                listen.announce(out, running.port());
                try {
                    stop.await();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // The JVM is already exiting: the hook is running or ran.
                    }
                }
            }
            LOG.info("osms-server stopped");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Stops a running server (tests; the process form stops on SIGINT/SIGTERM). */
    public void stop() {
        stop.countDown();
    }
}
