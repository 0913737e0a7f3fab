package dev.missive.openmsg.wire;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer's JSON answer, read the way the reference's clients read it: {@code success} and
 * {@code error} by PHP truthiness, the string members kept for the caller. Produced by
 * {@link OpenmsgJson#parseReply}.
 *
 * @param success whether {@code success} is truthy
 * @param error   whether {@code error} is truthy
 * @param strings every top-level member whose value is a JSON string
 */
public record PeerReply(boolean success, boolean error, Map<String, String> strings) {

    public PeerReply {
        strings = Map.copyOf(Objects.requireNonNull(strings, "strings"));
    }

    /** True if the peer reported success and no error. */
    public boolean succeeded() {
        return success && !error;
    }

    /** The string member {@code name}, if present. */
    public Optional<String> text(String name) {
        return Optional.ofNullable(strings.get(name));
    }

    /** {@code response_code}, if present. */
    public Optional<String> responseCode() {
        return text("response_code");
    }

    /** {@code error_message}, if present. */
    public Optional<String> errorMessage() {
        return text("error_message");
    }

    @Override
    public String toString() {
        return "PeerReply[success=" + success + ", error=" + error + ", fields=" + strings.keySet() + "]";
    }
}
