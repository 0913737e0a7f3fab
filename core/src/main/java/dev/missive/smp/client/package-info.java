/**
 * The SMP client: {@link dev.missive.smp.client.SmpClient} on one connection (create a queue, connect
 * to an {@link dev.missive.smp.client.Invitation}, secure, send, subscribe, acknowledge), and
 * {@link dev.missive.smp.client.DuplexConnection} for a two-way conversation over two queues with
 * end-to-end encrypted {@link dev.missive.smp.client.Envelope}s. The bytes travel through a
 * transport such as {@code SmpTcpClientPool} in {@code missive-transport-tcp}; see
 * {@code docs/smp.md}.
 */
package dev.missive.smp.client;
