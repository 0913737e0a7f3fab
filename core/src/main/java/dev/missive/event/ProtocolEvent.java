package dev.missive.event;

/**
 * A protocol step an engine took. Each protocol defines one sealed interface extending this one,
 * in its own root package (for example {@code dev.missive.openmsg.OpenmsgEvent}), whose records
 * are the steps it reports; a listener matches on that type and then switches exhaustively.
 */
public interface ProtocolEvent extends MissiveEvent {}
