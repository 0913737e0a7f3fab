package dev.missive.mesh.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The message inside a packet's {@code message} envelope, with the Jasper J2 fields.
 *
 * @param sender    the sender's public key, base64 SPKI DER
 * @param salt      base64 of 8 random bytes (J2); kept for compatibility, the envelope's random key
 *                  already makes every ciphertext unique
 * @param channelId the chat's identifier (a UUID string)
 * @param type      what the message does
 * @param content   the text (or the target/reaction, by type)
 * @param id        the message's identifier (a UUID string); clients de-duplicate by (sender, id)
 * @param timestamp when the sender wrote it (millisecond precision, ISO-8601 UTC on the wire)
 */
public record MeshMessage(
        String sender, String salt, String channelId, MessageType type, String content, String id, Instant timestamp) {

    /** Checks that every component is present. */
    public MeshMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public String toString() {
        // content is private to the conversation: never in logs
        return "MeshMessage[type=" + type + ", id=" + id + ", timestamp=" + timestamp + ", content redacted]";
    }
}
