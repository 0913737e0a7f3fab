/**
 * Mesh relay ("Jasper", the Purple Bubble protocol): the server engine and its events; the client
 * is in {@link dev.missive.mesh.client}.
 *
 * <p><b>Where to start.</b> A server is {@link dev.missive.mesh.MeshServer}, built with
 * {@link dev.missive.mesh.MeshServer#builder()} from its origin, an RSA-4096 server key, the packet,
 * tombstone and peer stores ({@link dev.missive.mesh.memory} or {@code dev.missive.jdbc.mesh}), a
 * {@link dev.missive.spi.ReplayGuardStore}, a {@link dev.missive.spi.Clock} and a
 * {@link dev.missive.spi.RandomSource}. A transport serves {@link dev.missive.mesh.MeshServer#handle}
 * and drives sync; a client is {@link dev.missive.mesh.client.MeshClient}. Every byte is pinned in
 * {@code docs/mesh.md}; the engine pattern is in {@code docs/ARCHITECTURE.md}.
 */
package dev.missive.mesh;
