package dev.missive.cli.emsg;

import dev.missive.cli.CommandFailure;
import dev.missive.cli.ListenOptions;
import dev.missive.cli.LogOptions;
import dev.missive.cli.StoreOption;
import dev.missive.cli.Tls;
import dev.missive.emsg.EmsgConfig;
import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.event.EventListener;
import dev.missive.event.LoggingEventListener;
import dev.missive.jdbc.StoreUrl;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.LineClient;
import dev.missive.tcp.emsg.DeliveryTrigger;
import dev.missive.tcp.emsg.DnsDiscovery;
import dev.missive.tcp.emsg.EmsgPeers;
import dev.missive.tcp.emsg.EmsgTcpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
 * {@code missive emsg-server}: an EMSG home server for one domain on ESMP/TCP, federating with peer
 * domains found in DNS ({@code --dns}) or given with {@code --peer}. Prints {@code listening on H:P}
 * once ready and runs until killed; its outbox survives restarts with an SQLite or PostgreSQL store.
 */
@Command(
        name = "emsg-server",
        footer = {
            "%nExample:",
            "  missive emsg-server --domain a.example --port 5888 --store sqlite:a.db --peer b.example=127.0.0.1:5889"
                    + " --registration open"
        },
        mixinStandardHelpOptions = true,
        description = "Run an EMSG home server (ESMP over TCP) for one domain.")
public final class EmsgServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EmsgServerCommand.class);

    /** Registration choices on the command line. */
    enum Registration {
        open,
        closed
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private ListenOptions listen;

    @Mixin
    private LogOptions logOptions;

    @Option(names = "--domain", required = true, paramLabel = "D", description = "The domain this server is home to.")
    private String domain;

    @Option(
            names = "--store",
            paramLabel = "URL",
            defaultValue = "memory:",
            converter = StoreOption.class,
            description = StoreOption.DESCRIPTION + " (default: ${DEFAULT-VALUE}).")
    private StoreUrl store;

    @Option(
            names = "--peer",
            paramLabel = "DOMAIN=HOST:PORT",
            converter = PeerOption.class,
            description = "Where a peer domain's server listens, instead of asking DNS (repeatable).")
    private List<PeerOption.Peer> peers = new ArrayList<>();

    @Option(
            names = "--dns",
            paramLabel = "HOST:PORT",
            converter = HostPortOption.class,
            description = "DNS server for discovery (default: the system's resolvers).")
    private InetSocketAddress dns;

    @Option(names = "--tls-cert", paramLabel = "F", description = "PEM certificate chain, leaf first: serve TLS.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "F", description = "PEM PKCS#8 private key of --tls-cert.")
    private Path tlsKey;

    @Option(names = "--peer-tls", description = "Connect to peer servers with TLS.")
    private boolean peerTls;

    @Option(
            names = "--trust-cert",
            paramLabel = "F",
            description =
                    "With --peer-tls: trust exactly these PEM CA certificates (default: the JDK's and the system's).")
    private Path trustCert;

    @Option(
            names = "--registration",
            paramLabel = "open|closed",
            defaultValue = "closed",
            description = "open: clients create their own accounts; closed: the operator adds them with"
                    + " `emsg account add` (default: ${DEFAULT-VALUE}).")
    private Registration registration;

    @Option(
            names = "--domain-key",
            paramLabel = "F",
            description = "The domain key file (Ed25519 PKCS#8 PEM), created if missing. Default: next to an"
                    + " sqlite:PATH store as PATH.emsg-domain-key.pem.")
    private Path domainKeyFile;

    @Option(
            names = "--retry-max",
            paramLabel = "DURATION",
            converter = DurationOption.class,
            description = "Longest wait between delivery attempts to a peer, ISO-8601 (default: PT30M).")
    private Duration retryMax;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            converter = DurationOption.class,
            description = "Close a connection with no bytes either way for this long, ISO-8601 (default: PT1H).")
    private Duration idleTimeout;

    @Option(
            names = "--handshake-timeout",
            paramLabel = "DURATION",
            converter = DurationOption.class,
            description = "Close a connection that has not had its hello answered this long after the accept,"
                    + " ISO-8601 (default: PT30S).")
    private Duration handshakeTimeout;

    /** Picocli instantiates the command. */
    public EmsgServerCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            domain = EmsgAddress.checkDomain(domain);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--domain '" + domain + "': " + e.getMessage());
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        ConnectionSettings settings = connectionSettings();
        logOptions.apply();
        listen.clearReady();
        EmsgStores stores = EmsgStores.open(store);
        EmsgPeers federation = null;
        EmsgTcpServer running;
        try {
            EmsgSigningKey domainKey = DomainKeyFile.load(domainKeyFile, store, err);
            federation = new EmsgPeers(resolver(), peerOptions());
            EmsgConfig config = EmsgConfig.DEFAULTS.withRegistrationOpen(registration == Registration.open);
            if (retryMax != null) {
                config = config.withRetry(
                        retryMax.compareTo(config.retryBase()) < 0 ? retryMax : config.retryBase(), retryMax);
            }
            DeliveryTrigger trigger = new DeliveryTrigger();
            EmsgServer engine = stores.apply(EmsgServer.builder())
                    .domain(domain)
                    .domainKey(domainKey)
                    .transport(federation)
                    .clock(Clock.system())
                    .random(RandomSource.secure())
                    .config(config)
                    .eventListener(EventListener.all(new LoggingEventListener(), trigger))
                    .build();
            federation.bind(engine);
            EmsgTcpServer.Builder tcp = EmsgTcpServer.builder(engine)
                    .host(listen.host())
                    .port(listen.port())
                    .settings(settings)
                    .eventListener(new LoggingEventListener())
                    .federation(federation, Duration.ofMillis(500), trigger);
            if (tlsCert != null) {
                tcp.tls(tlsContext().getServerSocketFactory());
            }
            try {
                running = tcp.start();
            } catch (IOException e) {
                throw listen.cannotListen(e);
            }
        } catch (RuntimeException e) {
            if (federation != null) {
                federation.close();
            }
            stores.close();
            throw e;
        }
        EmsgPeers peerConnections = federation;
        LOG.info(
                "emsg-server for {} started on {}:{}, store {}",
                domain,
                listen.host(),
                running.address().getPort(),
                store);
        CountDownLatch stopped = new CountDownLatch(1);
        listen.announce(out, running.address().getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            peerConnections.close();
            stores.close();
            LOG.info("emsg-server stopped");
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private DnsDiscovery resolver() {
        DnsDiscovery discovery = dns == null
                ? DnsDiscovery.usingSystemResolver()
                : DnsDiscovery.usingServer(
                        new InetSocketAddress(dns.getHostString(), dns.getPort()), Duration.ofSeconds(5));
        for (PeerOption.Peer peer : peers) {
            discovery = discovery.withOverride(peer.domain(), peer.address());
        }
        return discovery;
    }

    private LineClient.Options peerOptions() {
        LineClient.Options options = LineClient.Options.DEFAULTS;
        if (!peerTls) {
            return options;
        }
        try {
            return options.withTls(
                    Tls.clientContext(trustCert == null ? Tls.defaultTrustManager() : Tls.trustManager(trustCert))
                            .getSocketFactory());
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandFailure("cannot load --trust-cert " + trustCert + ": " + CommandFailure.reason(e), e);
        }
    }

    private javax.net.ssl.SSLContext tlsContext() {
        try {
            return Tls.serverContext(tlsCert, tlsKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandFailure(
                    "cannot load --tls-cert " + tlsCert + " / --tls-key " + tlsKey + ": " + CommandFailure.reason(e),
                    e);
        }
    }

    private ConnectionSettings connectionSettings() {
        ConnectionSettings settings = ConnectionSettings.DEFAULTS;
        try {
            if (idleTimeout != null) {
                settings = settings.withIdleTimeout(idleTimeout);
            }
            if (handshakeTimeout != null) {
                settings = settings.withHandshakeTimeout(handshakeTimeout);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--idle-timeout / --handshake-timeout: " + e.getMessage());
        }
        return settings;
    }

    /** Parses an ISO-8601 duration option (also {@code conformance emsg --idle-timeout}). */
    public static final class DurationOption implements ITypeConverter<Duration> {

        /** Picocli instantiates the converter. */
        public DurationOption() {}

        @Override
        public Duration convert(String value) {
            Duration duration;
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                duration = Duration.ZERO;
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a positive ISO-8601 duration (e.g. PT5S)");
            }
            return duration;
        }
    }
}
