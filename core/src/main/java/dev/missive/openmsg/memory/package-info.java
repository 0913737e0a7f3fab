/**
 * {@link dev.missive.openmsg.memory.InMemoryOpenmsgStore}: the Openmsg store held in memory, for
 * tests and ephemeral nodes. Use {@code JdbcOpenmsgStore} from {@code missive-storage-jdbc} for a
 * node whose users, connections and replay guard must survive a restart.
 */
package dev.missive.openmsg.memory;
