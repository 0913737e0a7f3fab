/**
 * SMP's own transport security (Appendix A as the 2021 servers realised it), not API (exported to
 * {@code dev.missive.transport.tcp} only): the server's {@link dev.missive.smp.secure.ServerHeader}
 * with its pinned key, the client's RSA-OAEP {@link dev.missive.smp.secure.ClientHandshake}, and
 * the AES-256-GCM block streams ({@link dev.missive.smp.secure.BlockWriter},
 * {@link dev.missive.smp.secure.BlockReader}). Pure code: {@code SmpTcpServer} and
 * {@code SmpTcpConnection} move the bytes. Constants are in
 * {@link dev.missive.smp.secure.SecureTransport}.
 */
package dev.missive.smp.secure;
