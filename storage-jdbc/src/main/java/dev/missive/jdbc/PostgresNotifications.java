package dev.missive.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL {@code LISTEN}/{@code NOTIFY} on one channel of a {@link Database}: {@link #notify}
 * sends a payload to every listener of the channel, and a listener started with {@link #listen}
 * receives them on a virtual thread, on a dedicated connection outside the pool, as soon as they are
 * committed (it blocks in {@code PGConnection.getNotifications}, no polling delay).
 *
 * <p>The channel name is {@code <topic>_<schema>}, so instances on different schemas of one
 * database do not hear each other. When the listening connection fails, the listener reconnects
 * (after {@link #RECONNECT_DELAY}) and then calls {@link Receiver#onReconnected}: notifications sent
 * in between are lost, and the receiver must catch up from the tables. Payloads are never logged.
 */
public final class PostgresNotifications implements AutoCloseable {

    /** Pause between a failed listening connection and the next attempt. */
    public static final Duration RECONNECT_DELAY = Duration.ofMillis(500);

    /** Longest channel name PostgreSQL accepts (its identifier limit). */
    private static final int MAX_CHANNEL_LENGTH = 63;

    /** How long one wait for notifications lasts; it returns at once when one arrives. */
    private static final int WAIT_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifications.class);

    /** What a listener does with what it hears. Called on the listener's thread, one call at a time. */
    public interface Receiver {
        /**
         * A notification's payload.
         *
         * @param payload the text the sender passed to {@link PostgresNotifications#notify}
         */
        void onNotification(String payload);

        /** The listening connection was re-established after a failure: notifications may have been missed. */
        void onReconnected();
    }

    private final Database database;
    private final String channel;
    private final PGSimpleDataSource source;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Thread thread;

    private PostgresNotifications(Database database, String channel) {
        this.database = database;
        this.channel = channel;
        this.source = new PGSimpleDataSource();
        source.setURL(((StoreUrl.Postgres) database.url()).jdbcUrl());
    }

    /**
     * The channel {@code topic} of {@code database}'s schema, not listened to yet.
     *
     * @param topic lowercase letters, digits and {@code _}, e.g. {@code missive_smp}
     * @param database a PostgreSQL database
     * @return the channel
     * @throws IllegalArgumentException if the database is not PostgreSQL or the topic is malformed
     */
    public static PostgresNotifications channel(Database database, String topic) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(topic, "topic");
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("LISTEN/NOTIFY needs PostgreSQL, not " + database.dialect());
        }
        if (!topic.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("topic must be lowercase letters, digits and _");
        }
        Optional<String> current = database.inTransaction(
                        c -> Sql.queryOne(c, "SELECT current_schema()", r -> Optional.ofNullable(r.string(1))))
                .flatMap(schema -> schema);
        String schema = current.orElseThrow(() -> new StoreException(
                "the database has no current schema yet: migrate before opening a notification channel", null));
        String channel = topic + "_" + schema;
        if (channel.length() > MAX_CHANNEL_LENGTH) {
            channel = topic + "_" + sha256Hex(schema).substring(0, 24);
        }
        return new PostgresNotifications(database, channel);
    }

    /**
     * The channel's name.
     *
     * @return the name, {@code <topic>_<schema>} or a hashed form of it when that would be too long
     */
    public String name() {
        return channel;
    }

    /**
     * Sends {@code payload} to the channel's listeners (this process's included), in a transaction of
     * its own.
     *
     * @param payload the text to send; PostgreSQL refuses payloads of 8,000 bytes or more
     * @throws StoreException if the database fails
     */
    public void notify(String payload) {
        Objects.requireNonNull(payload, "payload");
        database.inTransaction(c -> {
            Sql.execute(c, "SELECT pg_notify(?, ?)", channel, payload);
            return null;
        });
    }

    /**
     * Starts listening: returns once the first {@code LISTEN} is in effect, so every notification
     * committed afterwards reaches {@code receiver} (until {@link #close}).
     *
     * @param receiver called with each notification, one call at a time, on the listening thread
     * @throws StoreException if the first connection fails
     * @throws IllegalStateException if already listening
     */
    public void listen(Receiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already listening");
        }
        Connection first;
        try {
            first = connect();
        } catch (SQLException e) {
            throw new StoreException("cannot LISTEN on the PostgreSQL database", e);
        }
        thread = Thread.ofVirtual().name("missive-listen-" + channel).start(() -> run(first, receiver));
    }

    private Connection connect() throws SQLException {
        Connection connection = source.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN \"" + channel + "\"");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private void run(Connection first, Receiver receiver) {
        Connection connection = first;
        while (!closed) {
            try {
                if (connection == null) {
                    connection = connect();
                    receiver.onReconnected();
                }
                receive(connection, receiver);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.warn(
                        "listening connection on channel {} failed ({}); reconnecting",
                        channel,
                        e.getClass().getName());
                closeQuietly(connection);
                connection = null;
                try {
                    Thread.sleep(RECONNECT_DELAY);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        closeQuietly(connection);
    }

    private void receive(Connection connection, Receiver receiver) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                receiver.onNotification(notification.getParameter());
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the listening connection failed", e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** Stops listening and closes the dedicated connection; waits for the listener thread to end. */
    @Override
    public void close() {
        closed = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
