/**
 * Typed events that engines, transports and stores report to a host's {@link
 * dev.missive.event.EventListener}: protocol steps ({@link dev.missive.event.ProtocolEvent}, one
 * sealed family per protocol), connections ({@link dev.missive.event.ConnectionEvent}) and stores
 * ({@link dev.missive.event.StoreEvent}). Events carry identifiers, counts and error codes only —
 * never keys, codes, message contents or hashes of secrets — so any of them may be logged as is.
 */
package dev.missive.event;
