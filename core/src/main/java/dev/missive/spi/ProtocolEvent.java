package dev.missive.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something an engine did that a host may want to count or trace: a handshake completed, a message
 * accepted or refused, a connection closed. Attributes carry identifiers and error codes only,
 * never keys, codes, hashes of secrets or message contents.
 *
 * @param protocol   short protocol name, e.g. {@code "openmsg"} or {@code "smp"}
 * @param name       what happened, e.g. {@code "message.rejected"}
 * @param at         when it happened, from the engine's {@link Clock}
 * @param attributes non-secret details, e.g. {@code code=SM_E004}
 */
public record ProtocolEvent(String protocol, String name, Instant at, Map<String, String> attributes) {

    public ProtocolEvent {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        attributes = Map.copyOf(attributes);
    }
}
