/**
 * Openmsg over HTTP(S). <b>Where to start:</b> {@link dev.missive.http.openmsg.OpenmsgHttpServer}
 * serves an {@link dev.missive.openmsg.OpenmsgNode} at {@code /openmsg/} (and {@code /openmsg/sandbox/}),
 * and {@link dev.missive.http.openmsg.OkHttpPeerTransport} is the
 * {@link dev.missive.openmsg.spi.PeerTransport} the node calls its peers with. See
 * {@code docs/openmsg.md}.
 */
package dev.missive.http.openmsg;
