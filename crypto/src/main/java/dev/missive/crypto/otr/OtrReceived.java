package dev.missive.crypto.otr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What feeding one incoming OTR message to a conversation produced.
 *
 * @param plaintext    the decrypted human-readable text of a data message (empty for protocol
 *                     messages and for heartbeats without text)
 * @param replies      OTR messages to send back to the peer, in order (AKE steps, SMP steps)
 * @param errors       problems the OTR library reported for this message (unreadable, MAC failure,
 *                     unencrypted text refused); never secret material
 * @param smp          the outcome of the Socialist Millionaires' Protocol if this message finished
 *                     or aborted one
 * @param smpQuestion  the question the peer asked when this message started an SMP exchange
 */
public record OtrReceived(
        Optional<String> plaintext,
        List<String> replies,
        List<String> errors,
        Optional<SmpOutcome> smp,
        Optional<String> smpQuestion) {

    /** Validates and copies. */
    public OtrReceived {
        Objects.requireNonNull(plaintext, "plaintext");
        replies = List.copyOf(replies);
        errors = List.copyOf(errors);
        Objects.requireNonNull(smp, "smp");
        Objects.requireNonNull(smpQuestion, "smpQuestion");
    }

    /** Outcome of an SMP exchange. */
    public enum SmpOutcome {
        /** Both sides used the same secret. */
        VERIFIED,
        /** The secrets differed (or the exchange was tampered with). */
        FAILED,
        /** One side aborted, or a protocol error cancelled the exchange. */
        ABORTED
    }
}
