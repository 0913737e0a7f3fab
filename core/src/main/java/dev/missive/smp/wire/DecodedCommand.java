package dev.missive.smp.wire;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import java.util.Objects;

/** What a server makes of one {@link Frame}: a valid transmission or the error to answer. */
public sealed interface DecodedCommand {

    /**
     * A well-formed transmission.
     *
     * @param transmission the parsed transmission
     */
    record Valid(Transmission transmission) implements DecodedCommand {
        /** Checks the components. */
        public Valid {
            Objects.requireNonNull(transmission, "transmission");
        }
    }

    /**
     * A transmission the server must answer with {@code error}.
     *
     * @param queueId the connId to echo in the {@code ERR} reply, null when absent or not base64
     * @param error the error to answer with
     */
    record Invalid(QueueId queueId, SmpError error) implements DecodedCommand {
        /** Checks the components. */
        public Invalid {
            Objects.requireNonNull(error, "error");
        }
    }
}
