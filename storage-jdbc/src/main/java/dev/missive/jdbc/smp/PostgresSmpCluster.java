package dev.missive.jdbc.smp;

import static dev.missive.jdbc.Sql.queryOne;
import static dev.missive.jdbc.Sql.update;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.PostgresNotifications;
import dev.missive.smp.SmpServer;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.QueueSignal;
import dev.missive.smp.spi.SmpCluster;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SmpCluster} of SMP server instances sharing one PostgreSQL schema: signals travel by
 * {@code NOTIFY} on the channel {@value #TOPIC}{@code _<schema>} (see {@link PostgresNotifications}),
 * and the holder of each queue's subscription is a row of {@code smp_subscribers}, written by the
 * claiming {@code SUB} before it is answered.
 *
 * <p>Each instance has a random ID, made when the cluster is created; a payload is
 * {@code <kind> <instanceId> <recipientId base64>}, and an instance drops its own. Recipient IDs
 * stay inside the database and are never logged. Usage:
 *
 * <pre>{@code
 * PostgresSmpCluster cluster = new PostgresSmpCluster(database);
 * SmpServer server = SmpServer.builder()...messageStore(cluster.messageStore()).cluster(cluster).build();
 * cluster.listen(server);   // before serving; close() when the server stops
 * }</pre>
 */
public final class PostgresSmpCluster implements SmpCluster, AutoCloseable {

    /** The topic of the notification channel. */
    public static final String TOPIC = "missive_smp";

    private static final int INSTANCE_ID_BYTES = 12;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSmpCluster.class);

    private final Database database;
    private final PostgresNotifications channel;
    private final String instanceId;
    private volatile boolean appendsAnnounce;

    /**
     * A cluster member on {@code database}, migrating the SMP tables first if needed.
     *
     * @param database the PostgreSQL database the instances share
     * @throws IllegalArgumentException if the database is not PostgreSQL
     */
    public PostgresSmpCluster(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        // Migrating first creates the schema, whose name the channel carries.
        database.migrate(JdbcQueueStore.PROTOCOL);
        this.channel = PostgresNotifications.channel(database, TOPIC);
        byte[] id = new byte[INSTANCE_ID_BYTES];
        new SecureRandom().nextBytes(id);
        this.instanceId = HexFormat.of().formatHex(id);
    }

    /**
     * This instance's random ID (not a secret: it names the instance in logs and in the database).
     *
     * @return the instance ID
     */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Delivers the other instances' signals to {@code server} until {@link #close}, and calls
     * {@link SmpServer#onSignalsLost} after the listening connection was re-established. Returns
     * once listening.
     *
     * @param server this instance's engine, which gets the other instances' signals
     * @throws dev.missive.jdbc.StoreException if the database cannot be reached
     */
    public void listen(SmpServer server) {
        Objects.requireNonNull(server, "server");
        channel.listen(new PostgresNotifications.Receiver() {
            @Override
            public void onNotification(String payload) {
                QueueSignal signal = parse(payload);
                if (signal != null) {
                    server.onRemoteSignal(signal);
                }
            }

            @Override
            public void onReconnected() {
                server.onSignalsLost();
            }
        });
    }

    /**
     * A message store on this cluster's database whose appends announce the stored message to the
     * other instances in their own transaction: the {@code NOTIFY} goes out when the append commits,
     * with no transaction of its own. Give it to the server this cluster serves; from then on
     * {@link #publish} leaves {@code MESSAGE_STORED} to it.
     *
     * @return the message store
     */
    public JdbcMessageStore messageStore() {
        JdbcMessageStore store = new JdbcMessageStore(
                database,
                new JdbcMessageStore.AppendNotice(
                        channel.name(), rid -> payload(QueueSignal.Kind.MESSAGE_STORED, rid)));
        appendsAnnounce = true;
        return store;
    }

    @Override
    public void publish(QueueSignal signal) {
        Objects.requireNonNull(signal, "signal");
        if (signal.kind() == QueueSignal.Kind.MESSAGE_STORED && appendsAnnounce) {
            return; // sent by the append's own transaction (messageStore())
        }
        String payload = payload(signal.kind(), signal.recipientId());
        try {
            channel.notify(payload);
        } catch (RuntimeException e) {
            // Best effort by contract: the listeners that miss it catch up when they reconnect.
            LOG.warn(
                    "cannot publish an SMP {} signal ({})",
                    signal.kind(),
                    e.getClass().getName());
        }
    }

    private String payload(QueueSignal.Kind kind, QueueId recipientId) {
        return kind.name() + " " + instanceId + " " + recipientId.base64();
    }

    /** The signal of another instance, or null for this instance's own or a payload not ours. */
    // Package-private so the test can feed it payloads that no instance sends.
    QueueSignal parse(String payload) {
        String[] parts = payload.split(" ", -1);
        if (parts.length != 3 || parts[1].equals(instanceId)) {
            return null;
        }
        try {
            return new QueueSignal(
                    QueueSignal.Kind.valueOf(parts[0]),
                    QueueId.of(Base64.getDecoder().decode(parts[2])));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a malformed notification on channel {}", channel.name());
            return null;
        }
    }

    @Override
    public void claimSubscription(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        database.inTransaction(c -> update(c, """
                INSERT INTO smp_subscribers (recipient_id, instance_id) VALUES (?, ?)
                ON CONFLICT (recipient_id) DO UPDATE SET instance_id = EXCLUDED.instance_id""", recipientId.bytes(), instanceId));
    }

    @Override
    public boolean holdsSubscription(QueueId recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        Optional<String> holder = database.inTransaction(c -> queryOne(
                c,
                "SELECT instance_id FROM smp_subscribers WHERE recipient_id = ?",
                r -> r.string(1),
                recipientId.bytes()));
        return holder.map(instanceId::equals).orElse(true);
    }

    /** Stops listening; the database stays open (its owner closes it). */
    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "PostgresSmpCluster[" + instanceId + "]";
    }
}
