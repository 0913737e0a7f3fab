/**
 * EMSG 0.2 (the ESMP transport profile of {@code docs/emsg.md}): the federating server engine.
 *
 * <p><b>Where to start.</b> A server is {@link dev.missive.emsg.EmsgServer}, built with
 * {@link dev.missive.emsg.EmsgServer#builder()} from its domain and domain key, the stores of
 * {@link dev.missive.emsg.spi} (in memory: {@link dev.missive.emsg.memory}), a
 * {@link dev.missive.spi.Clock} and a {@link dev.missive.spi.RandomSource}. A transport opens an
 * {@link dev.missive.emsg.EmsgSession} per connection, drains the outbox with
 * {@link dev.missive.emsg.EmsgServer#nextDue} over {@link dev.missive.emsg.PeerLink}s, and implements
 * {@link dev.missive.emsg.spi.PeerTransport}. Clients are built on
 * {@link dev.missive.emsg.client.EmsgClient}.
 */
package dev.missive.emsg;
