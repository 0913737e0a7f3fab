/**
 * The SMP stores held in memory, {@link dev.missive.smp.memory.InMemoryQueueStore} and
 * {@link dev.missive.smp.memory.InMemoryMessageStore}: for tests and ephemeral servers. Queues and
 * messages are lost on restart; use the JDBC stores of {@code missive-storage-jdbc} to keep them.
 */
package dev.missive.smp.memory;
