/**
 * The mesh client engine: {@link dev.missive.mesh.client.MeshClient} seals and opens packets, signs
 * requests and picks servers; the host sends the bodies.
 */
package dev.missive.mesh.client;
