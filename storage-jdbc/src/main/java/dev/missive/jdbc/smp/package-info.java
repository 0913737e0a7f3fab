/**
 * SMP on JDBC: {@link dev.missive.jdbc.smp.JdbcQueueStore} and
 * {@link dev.missive.jdbc.smp.JdbcMessageStore}, the SMP store SPIs on a
 * {@link dev.missive.jdbc.Database} (migrations under {@code db/missive/smp/}), and
 * {@link dev.missive.jdbc.smp.PostgresSmpCluster}, which lets several {@code SmpServer} instances
 * share one PostgreSQL database by telling each other about new messages and moved subscriptions
 * ({@code LISTEN}/{@code NOTIFY}): build each server with {@code cluster(cluster)} and call
 * {@link dev.missive.jdbc.smp.PostgresSmpCluster#listen} with it.
 */
package dev.missive.jdbc.smp;
