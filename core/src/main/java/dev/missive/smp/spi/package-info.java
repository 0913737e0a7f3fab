/**
 * What a host supplies to an {@link dev.missive.smp.SmpServer}: where queues and messages live
 * ({@link dev.missive.smp.spi.QueueStore} with {@link dev.missive.smp.spi.QueueRecord},
 * {@link dev.missive.smp.spi.MessageStore} with {@link dev.missive.smp.spi.StoredMessage}), and,
 * when several instances share one database, how they tell each other about changes
 * ({@link dev.missive.smp.spi.SmpCluster}, {@link dev.missive.smp.spi.QueueSignal}).
 * Implementations ship in {@link dev.missive.smp.memory} and {@code missive-storage-jdbc}
 * ({@code JdbcQueueStore}, {@code JdbcMessageStore}, {@code PostgresSmpCluster}); a new store must
 * pass the contract suites in core's test jar.
 */
package dev.missive.smp.spi;
