/**
 * Openmsg on JDBC: {@link dev.missive.jdbc.openmsg.JdbcOpenmsgStore}, the
 * {@link dev.missive.openmsg.spi.OpenmsgStore} on a {@link dev.missive.jdbc.Database} (migrations
 * under {@code db/missive/openmsg/}). Several node instances may share one PostgreSQL database: pass
 * codes are consumed, handshakes confirmed and messages accepted atomically, and the replay guard
 * is the shared {@link dev.missive.jdbc.JdbcReplayGuardStore} table.
 */
package dev.missive.jdbc.openmsg;
