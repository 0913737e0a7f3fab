/**
 * In-memory implementations of the cross-protocol SPIs of {@link dev.missive.spi}:
 * {@link dev.missive.memory.InMemoryReplayGuardStore}. For tests and for hosts that accept losing
 * their state on restart; a protocol's own in-memory stores are in its {@code memory} sub-package.
 */
package dev.missive.memory;
