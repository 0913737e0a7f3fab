package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one conversion between instants and what the stores keep. */
class SqlInstantsTest {

    private static final Instant NANOS = Instant.parse("2026-01-01T00:00:00.123456789Z");

    @Test
    void instantsAreEpochNanosecondsSaturatedAtTheRangeOfLong() {
        assertThat(Sql.epochNanos(NANOS)).isEqualTo(1_767_225_600_123_456_789L);
        assertThat(Sql.epochNanos(Instant.EPOCH.minusNanos(1))).isEqualTo(-1);
        assertThat(Sql.fromEpochNanos(-1)).isEqualTo(Instant.EPOCH.minusNanos(1));
        assertThat(Sql.fromEpochNanos(Sql.epochNanos(NANOS))).isEqualTo(NANOS);
        assertThat(Sql.epochNanos(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(Sql.epochNanos(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
        Instant last = Sql.fromEpochNanos(Long.MAX_VALUE);
        assertThat(Sql.epochNanos(last)).isEqualTo(Long.MAX_VALUE);
        assertThat(Sql.epochNanos(last.plusNanos(1))).isEqualTo(Long.MAX_VALUE);
        assertThat(Sql.epochNanos(Sql.fromEpochNanos(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    }
}
