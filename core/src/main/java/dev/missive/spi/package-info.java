/**
 * What a host provides to every engine, whatever the protocol: time ({@link dev.missive.spi.Clock}),
 * randomness ({@link dev.missive.spi.RandomSource}) and the shared single-use guard
 * ({@link dev.missive.spi.ReplayGuardStore}). Engines in {@code core} do no I/O of their own, so
 * these interfaces are the only way they learn the time or draw random bytes, which also makes
 * every engine deterministic under test.
 *
 * <p><b>Where to start.</b> In production pass {@link dev.missive.spi.Clock#system()} and
 * {@link dev.missive.spi.RandomSource#secure()} to the engine's builder; in tests pass a fixed clock
 * (or any lambda) and a seeded source:
 *
 * <pre>{@code
 * Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"));
 * RandomSource random = new Random(42)::nextBytes; // reproducible: tests only, never in production
 * OpenmsgNode node = OpenmsgNode.builder().clock(clock).random(random) // ... the rest ...
 *         .build();
 * }</pre>
 *
 * The replay guard has an in-memory implementation in {@link dev.missive.memory} and a JDBC one,
 * {@code JdbcReplayGuardStore}, in {@code missive-storage-jdbc}. Each protocol's own SPIs (stores,
 * peer transports) live in its {@code spi} sub-package, e.g. {@link dev.missive.openmsg.spi}.
 */
package dev.missive.spi;
