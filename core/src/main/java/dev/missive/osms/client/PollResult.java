package dev.missive.osms.client;

import dev.missive.osms.model.OsmsError;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link OsmsClient#poll()} did.
 *
 * @param texts          texts received, in order
 * @param processed      items taken from the server queue (to be acknowledged by the next call)
 * @param remaining      items still waiting on the server
 * @param failures       problems per peer: a relay the server refused (e.g. {@code consent-required})
 *                       or a conversation dropped because its key did not match
 * @param verifications  SMP outcomes per peer (true: same secret)
 * @param smpRequests    peers asking to verify, with their question (answer with
 *                       {@link OsmsClient#answerVerification})
 */
public record PollResult(
        List<ReceivedText> texts,
        int processed,
        int remaining,
        List<Failure> failures,
        Map<String, Boolean> verifications,
        Map<String, String> smpRequests) {

    /** Copies. */
    public PollResult {
        texts = List.copyOf(texts);
        failures = List.copyOf(failures);
        verifications = Map.copyOf(verifications);
        smpRequests = Map.copyOf(smpRequests);
    }

    /**
     * A problem with one peer.
     *
     * @param peer   the peer's username
     * @param error  the OSMS error, or {@link OsmsError#KEY_MISMATCH} for a key that did not match
     * @param detail what happened, in general terms
     */
    public record Failure(String peer, OsmsError error, String detail) {
        /** Validates. */
        public Failure {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
