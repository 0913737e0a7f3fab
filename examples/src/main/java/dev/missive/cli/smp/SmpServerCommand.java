package dev.missive.cli.smp;

import dev.missive.cli.CommandFailure;
import dev.missive.cli.ListenOptions;
import dev.missive.cli.LogOptions;
import dev.missive.cli.StoreOption;
import dev.missive.crypto.CryptoException;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.event.LoggingEventListener;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.Dialect;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.smp.JdbcMessageStore;
import dev.missive.jdbc.smp.JdbcQueueStore;
import dev.missive.jdbc.smp.PostgresSmpCluster;
import dev.missive.smp.SmpConfig;
import dev.missive.smp.SmpServer;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.secure.ServerHeader;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.smp.SmpTcpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code missive smp-server}: an SMP queue server on TCP, plain (seed dialect, 2020 greeting) or
 * Appendix A encrypted. Prints {@code listening on H:P} once ready (encrypted mode first prints
 * {@code key-hash <base64url>}, the SHA-256 of the server key that clients pin, spelled as in invitation URIs) and runs until killed.
 */
@Command(
        name = "smp-server",
        footer = {"%nExample:", "  missive smp-server --port 5223 --store sqlite:smp.db --transport encrypted"},
        mixinStandardHelpOptions = true,
        description = "Run an SMP queue server (seed dialect) on TCP.")
public final class SmpServerCommand implements Callable<Integer> {

    /** Transport choices on the command line. */
    enum Transport {
        plain,
        encrypted
    }

    private static final String KEY_LABEL = "PRIVATE KEY";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ListenOptions listen;

    @Mixin
    private LogOptions logOptions;

    private static final Logger LOG = LoggerFactory.getLogger(SmpServerCommand.class);

    @Option(
            names = "--store",
            paramLabel = "URL",
            defaultValue = "memory:",
            converter = StoreOption.class,
            description = StoreOption.DESCRIPTION + " (default: ${DEFAULT-VALUE}).")
    private StoreUrl store;

    @Option(
            names = "--transport",
            paramLabel = "plain|encrypted",
            defaultValue = "plain",
            description = "plain or encrypted (Appendix A) (default: ${DEFAULT-VALUE}).")
    private Transport transport;

    @Option(names = "--no-greeting", description = "Plain mode: do not send the 'Welcome to SMP' line.")
    private boolean noGreeting;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "Encrypted mode: RSA private key, PKCS#8 PEM. Default: generated, and kept "
                    + "in PATH.smp-key.pem next to an sqlite:PATH store so the key hash survives restarts.")
    private Path keyFile;

    @Option(
            names = "--message-ttl",
            defaultValue = "P21D",
            paramLabel = "DURATION",
            converter = Ttl.class,
            description = "How long undelivered messages are kept, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration messageTtl;

    /** Parses {@code --message-ttl}: a positive ISO-8601 duration. */
    static final class Ttl implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration ttl;
            try {
                ttl = Duration.parse(value);
            } catch (DateTimeParseException e) {
                ttl = Duration.ZERO;
            }
            if (ttl.isNegative() || ttl.isZero()) {
                throw new TypeConversionException(
                        "'" + value + "' is not a positive ISO-8601 duration (e.g. P21D, PT12H)");
            }
            return ttl;
        }
    }

    /** Picocli instantiates the command. */
    public SmpServerCommand() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        logOptions.apply();
        listen.clearReady();
        Database database = store instanceof StoreUrl.Memory ? null : StoreOption.open(store);
        // The server logs what it does: protocol steps and connections, through SLF4J.
        LoggingEventListener events = new LoggingEventListener();
        SmpServer server;
        SmpTcpServer running;
        // Instances on one PostgreSQL schema serve the same queues together (docs/storage.md).
        PostgresSmpCluster cluster = null;
        try {
            SmpServer.Builder engine = SmpServer.builder()
                    .clock(Clock.system())
                    .random(RandomSource.secure())
                    .config(SmpConfig.DEFAULTS.withMessageTtl(messageTtl))
                    .eventListener(events);
            if (database == null) {
                engine.queueStore(new InMemoryQueueStore()).messageStore(new InMemoryMessageStore());
            } else {
                engine.queueStore(new JdbcQueueStore(database));
                if (database.dialect() == Dialect.POSTGRESQL) {
                    cluster = new PostgresSmpCluster(database);
                    engine.cluster(cluster).messageStore(cluster.messageStore());
                } else {
                    engine.messageStore(new JdbcMessageStore(database));
                }
            }
            server = engine.build();
            if (cluster != null) {
                cluster.listen(server);
                err.println("instance " + cluster.instanceId());
                err.flush();
            }

            SmpTcpServer.Builder tcp = SmpTcpServer.builder(server)
                    .host(listen.host())
                    .port(listen.port())
                    .eventListener(events);
            if (transport == Transport.encrypted) {
                RsaPrivateKey key;
                try {
                    key = serverKey(store, err);
                } catch (IOException | CryptoException e) {
                    throw new CommandFailure("cannot load or store the server key: " + CommandFailure.reason(e), e);
                }
                tcp.encrypted(key);
                out.println("key-hash " + Encodings.base64Url(ServerHeader.keyHash(key.publicKey())));
            } else {
                tcp.plain(!noGreeting);
            }
            try {
                running = tcp.start();
            } catch (IOException e) {
                throw listen.cannotListen(e);
            }
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            if (database != null) {
                database.close();
            }
            throw e;
        }
        PostgresSmpCluster listening = cluster;
        CountDownLatch stopped = new CountDownLatch(1);
        LOG.info(
                "smp-server started on {}:{} ({}), store {}",
                listen.host(),
                running.address().getPort(),
                transport,
                store);
        listen.announce(out, running.address().getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            if (listening != null) {
                listening.close();
            }
            if (database != null) {
                database.close();
            }
            LOG.info("smp-server stopped");
            stopped.countDown();
        }));
        // The TCP server runs the engine's clean-up until it closes.
        stopped.await();
        return 0;
    }

    private RsaPrivateKey serverKey(StoreUrl url, PrintWriter err) throws IOException {
        if (keyFile != null) {
            return RsaPrivateKey.fromPkcs8(Encodings.fromPem(KEY_LABEL, Files.readString(keyFile)));
        }
        if (url instanceof StoreUrl.Sqlite sqlite) {
            Path file = sqlite.path().resolveSibling(sqlite.path().getFileName() + ".smp-key.pem");
            if (Files.exists(file)) {
                return RsaPrivateKey.fromPkcs8(Encodings.fromPem(KEY_LABEL, Files.readString(file)));
            }
            RsaPrivateKey key = RsaPrivateKey.generate(2048, new SecureRandom()).privateKey();
            writePrivate(file, Encodings.pem(KEY_LABEL, key.revealPkcs8()));
            err.println("generated server key " + file);
            err.flush();
            return key;
        }
        err.println("warning: no --key and no sqlite store: the server key (and its hash) is new on every start");
        err.flush();
        return RsaPrivateKey.generate(2048, new SecureRandom()).privateKey();
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("key file appeared while generating: " + file, e);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
