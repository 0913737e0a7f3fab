package dev.missive.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JdbcReplayGuardStoreTest {

    @Test
    void roundsExpiryUpAndNowDown() {
        Instant t = Instant.ofEpochMilli(1_000).plusNanos(1);
        assertThat(JdbcReplayGuardStore.ceilMillis(t)).isEqualTo(1_001);
        assertThat(JdbcReplayGuardStore.floorMillis(t)).isEqualTo(1_000);
        assertThat(JdbcReplayGuardStore.ceilMillis(Instant.ofEpochMilli(1_000))).isEqualTo(1_000);
        assertThat(JdbcReplayGuardStore.floorMillis(Instant.ofEpochMilli(-1).plusNanos(1))).isEqualTo(-1);
        assertThat(JdbcReplayGuardStore.ceilMillis(Instant.ofEpochMilli(-1).plusNanos(1))).isEqualTo(0);
    }

    @Test
    void saturatesBeyondTheRangeOfMilliseconds() {
        assertThat(JdbcReplayGuardStore.ceilMillis(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(JdbcReplayGuardStore.floorMillis(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }
}
