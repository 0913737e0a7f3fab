/**
 * SMP over TCP, plain (the 2020 reference server's dialect) or Appendix A encrypted. <b>Where to
 * start:</b> {@link dev.missive.tcp.smp.SmpTcpServer} serves an {@link dev.missive.smp.SmpServer};
 * {@link dev.missive.tcp.smp.SmpTcpClientPool} gives one connected
 * {@link dev.missive.smp.client.SmpClient} per {@link dev.missive.smp.model.ServerAddress} (a key
 * hash in the address selects the encrypted transport and pins the server key). See
 * {@code docs/smp.md}.
 */
package dev.missive.tcp.smp;
