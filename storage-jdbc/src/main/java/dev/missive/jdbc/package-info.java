/**
 * The shared JDBC layer of Missive's stores: opening a database from a store URL
 * ({@link dev.missive.jdbc.Database}, {@link dev.missive.jdbc.StoreUrl}), SQLite (the embedded
 * default) or PostgreSQL (shared by several node instances), pooled, migrated per protocol with
 * Flyway, with group-committed writes and retried conflicts; the statements the stores are written
 * in ({@link dev.missive.jdbc.Sql}); and the replay guard every protocol shares
 * ({@link dev.missive.jdbc.JdbcReplayGuardStore}).
 *
 * <p><b>Where to start.</b> Open one {@link dev.missive.jdbc.Database} per process and data
 * location, create the protocol stores on it (each migrates its own tables the first time), and
 * close the database after the engines that use it:
 *
 * <pre>{@code
 * try (Database db = Database.open("sqlite:data/node.db")) {  // or "jdbc:postgresql://host/db"
 *     OpenmsgNode node = OpenmsgNode.builder()
 *             .store(new JdbcOpenmsgStore(db))                 // dev.missive.jdbc.openmsg
 *             // ... domain, transport, clock, random ...
 *             .build();
 *     SmpServer smp = SmpServer.builder()
 *             .queueStore(new JdbcQueueStore(db))              // dev.missive.jdbc.smp
 *             .messageStore(new JdbcMessageStore(db))
 *             // ... clock, random ...
 *             .build();
 * }
 * }</pre>
 *
 * A database failure reaches the caller as the unchecked {@link dev.missive.jdbc.StoreException}
 * (after transient conflicts were retried) and is reported as a
 * {@link dev.missive.event.StoreEvent}; messages and events never carry stored values.
 */
package dev.missive.jdbc;
