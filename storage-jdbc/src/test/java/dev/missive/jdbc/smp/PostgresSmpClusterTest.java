package dev.missive.jdbc.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.PostgresNotifications;
import dev.missive.jdbc.Sql;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.testing.PostgresBackend;
import dev.missive.jdbc.testing.SqliteBackend;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.spi.Appended;
import dev.missive.smp.spi.QueueRecord;
import dev.missive.smp.spi.QueueSignal;
import dev.missive.smp.spi.StoredMessage;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared subscription holder and the notification channel under {@link PostgresSmpCluster}. */
class PostgresSmpClusterTest {

    @RegisterExtension
    static final PostgresBackend POSTGRES = new PostgresBackend();

    @RegisterExtension
    static final SqliteBackend SQLITE = new SqliteBackend();

    private static QueueId queue(Database database, int n) {
        QueueId rid = QueueId.of(new byte[] {1, 2, 3, (byte) n});
        new JdbcQueueStore(database)
                .create(QueueRecord.create(rid, QueueId.of(new byte[] {4, 5, 6, (byte) n}), new byte[32]));
        return rid;
    }

    @Test
    void theLastClaimOfASubscriptionWinsAndGoesWithItsQueue() {
        Database database = POSTGRES.database();
        try (PostgresSmpCluster a = new PostgresSmpCluster(database);
                PostgresSmpCluster b = new PostgresSmpCluster(database)) {
            QueueId rid = queue(database, 1);
            assertThat(a.holdsSubscription(rid)).as("unclaimed").isTrue();

            a.claimSubscription(rid);
            assertThat(a.holdsSubscription(rid)).isTrue();
            assertThat(b.holdsSubscription(rid)).isFalse();

            b.claimSubscription(rid);
            assertThat(a.holdsSubscription(rid)).isFalse();
            assertThat(b.holdsSubscription(rid)).isTrue();

            new JdbcQueueStore(database).delete(rid);
            boolean holderRow = database.inTransaction(
                    c -> Sql.exists(c, "SELECT 1 FROM smp_subscribers WHERE recipient_id = ?", rid.bytes()));
            assertThat(holderRow).as("holder row of a deleted queue").isFalse();
            assertThat(a.instanceId()).isNotEqualTo(b.instanceId());
        }
    }

    @Test
    void aListenerHearsNotificationsAndCatchesUpAfterItsConnectionIsKilled() throws Exception {
        Database database = POSTGRES.database();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        CountDownLatch reconnected = new CountDownLatch(1);
        try (PostgresNotifications listener = PostgresNotifications.channel(database, "missive_test");
                PostgresNotifications sender = PostgresNotifications.channel(database, "missive_test")) {
            listener.listen(new PostgresNotifications.Receiver() {
                @Override
                public void onNotification(String payload) {
                    heard.add(payload);
                }

                @Override
                public void onReconnected() {
                    reconnected.countDown();
                }
            });
            sender.notify("one");
            assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo("one");

            database.inTransaction(c -> Sql.queryOne(c, """
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE query = ? AND pid <> pg_backend_pid()""", r -> r.bool(1), "LISTEN \"" + listener.name() + "\""));
            assertThat(reconnected.await(30, TimeUnit.SECONDS))
                    .as("reconnected")
                    .isTrue();
            sender.notify("two");
            assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo("two");
        }
        assertThat(heard).isEmpty();
    }

    @Test
    void theClustersMessageStoreAnnouncesEachStoredMessageWhenItsAppendCommits() throws Exception {
        Database database = POSTGRES.database();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (PostgresSmpCluster cluster = new PostgresSmpCluster(database);
                PostgresNotifications listener = PostgresNotifications.channel(database, PostgresSmpCluster.TOPIC)) {
            listener.listen(new PostgresNotifications.Receiver() {
                @Override
                public void onNotification(String payload) {
                    heard.add(payload);
                }

                @Override
                public void onReconnected() {}
            });
            JdbcMessageStore messages = cluster.messageStore();
            QueueId rid = queue(database, 7);
            StoredMessage first = new StoredMessage(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, Instant.EPOCH, new byte[] {1});
            StoredMessage second =
                    new StoredMessage(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, Instant.EPOCH, new byte[] {2});
            String stored = "MESSAGE_STORED " + cluster.instanceId() + " " + rid.base64();

            assertThat(messages.append(rid, first, 1)).isEqualTo(Appended.AS_HEAD);
            assertThat(heard.poll(30, TimeUnit.SECONDS)).isEqualTo(stored);

            // Neither a refused append nor the engine's own publish sends it again: the next thing
            // heard is the marker sent after them.
            assertThat(messages.append(rid, second, 1)).isEqualTo(Appended.REFUSED_FULL);
            cluster.publish(new QueueSignal(QueueSignal.Kind.MESSAGE_STORED, rid));
            cluster.publish(new QueueSignal(QueueSignal.Kind.DELETED, rid));
            assertThat(heard.poll(30, TimeUnit.SECONDS))
                    .isEqualTo("DELETED " + cluster.instanceId() + " " + rid.base64());
        }
    }

    @Test
    void aMalformedOrOwnNotificationIsIgnoredAndAWellFormedOneIsRead() {
        try (PostgresSmpCluster cluster = new PostgresSmpCluster(POSTGRES.database())) {
            String other = "other-instance";
            assertThat(cluster.parse("")).isNull();
            assertThat(cluster.parse("garbage")).isNull();
            assertThat(cluster.parse("MESSAGE_STORED " + other)).isNull();
            assertThat(cluster.parse("NO_SUCH_KIND " + other + " AQID")).isNull();
            assertThat(cluster.parse("MESSAGE_STORED " + other + " not*base64")).isNull();
            assertThat(cluster.parse("MESSAGE_STORED " + other + " "))
                    .as("empty queue ID")
                    .isNull();
            assertThat(cluster.parse("MESSAGE_STORED " + cluster.instanceId() + " AQID"))
                    .as("own")
                    .isNull();

            assertThat(cluster.parse("DELETED " + other + " AQID"))
                    .isEqualTo(new QueueSignal(QueueSignal.Kind.DELETED, QueueId.of(new byte[] {1, 2, 3})));
        }
    }

    @Test
    void aClusterStartsOnASchemaThatDoesNotExistYet() {
        String fresh = POSTGRES.schema() + "_fresh";
        StoreUrl.Postgres url = new StoreUrl.Postgres(
                POSTGRES.url().jdbcUrl().replace("currentSchema=" + POSTGRES.schema(), "currentSchema=" + fresh));
        try (Database database = Database.open(url);
                PostgresSmpCluster cluster = new PostgresSmpCluster(database)) {
            QueueId rid = queue(database, 9);
            cluster.claimSubscription(rid);
            assertThat(cluster.holdsSubscription(rid)).isTrue();
        } finally {
            POSTGRES.database().inTransaction(c -> {
                Sql.execute(c, "DROP SCHEMA IF EXISTS " + fresh + " CASCADE");
                return null;
            });
        }
    }

    @Test
    void notificationsNeedPostgresql() {
        assertThatThrownBy(() -> PostgresNotifications.channel(SQLITE.database(), "missive_test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PostgreSQL");
    }
}
