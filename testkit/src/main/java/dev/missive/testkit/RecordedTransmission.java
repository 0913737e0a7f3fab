package dev.missive.testkit;

import java.util.Objects;

/**
 * A transmission an {@link SmpTestServer} received.
 *
 * @param connection   which accepted connection it came on, from 1
 * @param transmission the transmission as received
 */
public record RecordedTransmission(int connection, SmpTransmission transmission) {

    /** Validates the component. */
    public RecordedTransmission {
        Objects.requireNonNull(transmission, "transmission");
    }
}
