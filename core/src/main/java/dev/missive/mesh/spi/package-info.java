/**
 * What a mesh host implements: the packet, tombstone and peer stores. Nonces (server) and seen
 * messages (client) go through the shared {@link dev.missive.spi.ReplayGuardStore}.
 */
package dev.missive.mesh.spi;
