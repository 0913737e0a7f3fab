/**
 * Openmsg value types: {@link dev.missive.openmsg.model.OpenmsgAddress} ({@code id*domain}, start
 * with {@link dev.missive.openmsg.model.OpenmsgAddress#parse}), received
 * {@link dev.missive.openmsg.model.InboxMessage}s, and the wire's error vocabulary
 * ({@link dev.missive.openmsg.model.ResponseCode}, {@link dev.missive.openmsg.model.HandshakeError}).
 * All immutable and validated when constructed.
 */
package dev.missive.openmsg.model;
