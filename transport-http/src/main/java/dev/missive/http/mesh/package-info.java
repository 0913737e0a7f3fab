/**
 * The mesh relay over HTTP: the server's endpoints on the embedded server ({@link
 * dev.missive.http.mesh.MeshHttpHandler}, {@link dev.missive.http.mesh.MeshHttpServer}, which also
 * runs server-to-server sync and clean-up on its own schedule), and the client on OkHttp ({@link
 * dev.missive.http.mesh.OkHttpMeshClient}) with separate proxies for sending and receiving.
 */
package dev.missive.http.mesh;
