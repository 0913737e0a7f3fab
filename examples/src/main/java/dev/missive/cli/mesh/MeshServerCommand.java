package dev.missive.cli.mesh;

import dev.missive.cli.CommandFailure;
import dev.missive.cli.ListenOptions;
import dev.missive.cli.LogOptions;
import dev.missive.cli.StoreOption;
import dev.missive.cli.Tls;
import dev.missive.cli.TlsServerOptions;
import dev.missive.cli.UntilStopped;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.event.LoggingEventListener;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.mesh.MeshHttpServer;
import dev.missive.http.mesh.MeshPeerSync;
import dev.missive.jdbc.StoreUrl;
import dev.missive.mesh.MeshConfig;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code missive mesh-server}: a mesh relay server ({@code docs/mesh.md}) serving the client and
 * server-to-server endpoints until the process is stopped, syncing with its peers every
 * {@code --sync-interval}.
 */
@Command(
        name = "mesh-server",
        mixinStandardHelpOptions = true,
        description = {
            "Run a mesh relay server: POST /send, /fetch/by_recipient, /fetch/by_hash, /discard, /sync/*;"
                    + " GET /servers, /status, /version, /peers.",
            "Prints 'listening on HOST:PORT' once ready. Plain HTTP (for a TLS terminator in front) unless"
                    + " --tls-cert/--tls-key are given."
        },
        footer = {
            "%nExample:",
            "  missive mesh-server --port 8081 --store sqlite:a.db --peer http://127.0.0.1:8082 --sync-interval PT1S"
        })
public final class MeshServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(MeshServerCommand.class);

    @Spec
    private CommandSpec spec;

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
            names = "--peer",
            paramLabel = "URL",
            converter = MeshArguments.ServerUrl.class,
            description = "Sync with the server at URL (http[s]://HOST[:PORT]). Repeatable.")
    private List<URI> peers = new ArrayList<>();

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "The server's RSA-4096 signing key, PKCS#8 PEM (missive mesh keygen writes one). Default:"
                    + " generated, and kept in PATH.mesh-key.pem next to an sqlite:PATH store.")
    private Path keyFile;

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            defaultValue = "j2",
            converter = Profile.class,
            description = "j2 (default), or also accept j1 or d0 clients (both INSECURE: unauthenticated or"
                    + " replayable retrieval; see docs/mesh.md).")
    private MeshProfile profile;

    @Option(
            names = "--sync-interval",
            paramLabel = "DURATION",
            defaultValue = "PT1M",
            converter = MeshArguments.Interval.class,
            description = "How often to sync with every peer, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration syncInterval;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            converter = MeshArguments.ServerUrl.class,
            description = "The origin clients and peers reach this server at and sign requests for"
                    + " (default: http://H:P).")
    private URI publicUrl;

    @Mixin
    private TlsServerOptions tlsOptions;

    @Mixin
    private LogOptions logOptions;

    private final UntilStopped running = new UntilStopped();

    /** Picocli instantiates the command. */
    public MeshServerCommand() {}

    /** Parses {@code --profile}: {@code j2}, {@code j1} or {@code d0}. */
    static final class Profile implements ITypeConverter<MeshProfile> {
        @Override
        public MeshProfile convert(String value) {
            return MeshProfile.fromWireName(value)
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a profile (j2, j1 or d0)"));
        }
    }

    @Override
    public Integer call() throws Exception {
        logOptions.apply();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SSLContext tls = tlsOptions.context(spec.commandLine()).orElse(null);
        if (listen.port() == 0 && publicUrl == null) {
            throw new ParameterException(
                    spec.commandLine(), "--port 0 needs --public-url (clients sign requests for this server's origin)");
        }
        listen.clearReady();
        String origin = publicUrl != null
                ? publicUrl.toString()
                : (tls != null ? "https://" : "http://") + listen.host() + ":" + listen.port();
        RsaPrivateKey key = serverKey(err);
        MeshConfig config = profile == MeshProfile.J2 ? MeshConfig.DEFAULTS : MeshConfig.DEFAULTS.withProfile(profile);
        if (!profile.secure()) {
            err.println("warning: --profile " + profile.wireName() + " is INSECURE (see docs/mesh.md, \"Profiles\")");
            err.flush();
        }
        try (MeshStores stores = MeshStores.open(store)) {
            MeshServer server;
            try {
                server = stores.install(MeshServer.builder())
                        .origin(origin)
                        .serverKey(key)
                        .clock(Clock.system())
                        .random(RandomSource.secure())
                        .eventListener(new LoggingEventListener())
                        .config(config)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--public-url " + origin + ": " + e.getMessage());
            }
            for (URI peer : peers) {
                server.addPeer(peer.toString());
            }
            MeshHttpServer.Builder http = MeshHttpServer.builder(server)
                    .host(listen.host())
                    .port(listen.port())
                    .syncInterval(syncInterval)
                    .peerClient(peerClient(server));
            if (tls != null) {
                http.https(tls);
            }
            try (MeshHttpServer started = UntilStopped.start(listen, http::start)) {
                LOG.info(
                        "mesh-server {} started on {}:{}, profiles {}, {} peers, sync every {}, store {}",
                        origin,
                        listen.host(),
                        started.port(),
                        config.profiles(),
                        peers.size(),
                        syncInterval,
                        store);
                running.serve("mesh-server", listen, out, started.port());
            }
            LOG.info("mesh-server {} stopped", origin);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Calls to peers: capped at the sync body size, trusting the JDK's CAs plus the OS bundle. */
    private static HttpPeerClient peerClient(MeshServer server) throws GeneralSecurityException {
        X509TrustManager trust;
        try {
            trust = Tls.defaultTrustManager();
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandFailure("cannot load the CA certificates: " + CommandFailure.reason(e), e);
        }
        return MeshPeerSync.clientFor(server)
                .trust(Tls.clientContext(trust).getSocketFactory(), trust)
                .build();
    }

    private RsaPrivateKey serverKey(PrintWriter err) {
        if (keyFile != null) {
            return MeshKeyFiles.read(keyFile, "--key");
        }
        if (store instanceof StoreUrl.Sqlite sqlite) {
            Path file = sqlite.path().resolveSibling(sqlite.path().getFileName() + ".mesh-key.pem");
            if (Files.exists(file)) {
                return MeshKeyFiles.read(file, "the server key");
            }
            RsaPrivateKey key = generate();
            try {
                MeshKeyFiles.writeNew(file, key);
            } catch (IOException e) {
                throw new CommandFailure("cannot store the server key in " + file + ": " + CommandFailure.reason(e), e);
            }
            err.println("generated server key " + file);
            err.flush();
            return key;
        }
        err.println("warning: no --key and no sqlite store: the server key is new on every start,"
                + " and peers that pinned the old one will refuse this server");
        err.flush();
        return generate();
    }

    private static RsaPrivateKey generate() {
        return RsaPrivateKey.generate(4096, new SecureRandom()).privateKey();
    }

    /** Stops a running server (tests; the process form stops on SIGINT/SIGTERM). */
    public void stop() {
        running.stop();
    }
}
