package dev.missive.emsg.model;

/**
 * A signed EMSG message as received: its parsed members and the exact JSON text its author signed,
 * which is what servers store and relay ({@code docs/emsg.md}, "Messages"). Built only by the wire
 * codec after schema validation; the signature is checked by the engine.
 */
public sealed interface EmsgMessage permits ChatMessage, SystemMessage {

    /** Longest message id. */
    int MAX_ID_LENGTH = 64;

    /**
     * The message id: a UUID, unique per sender.
     *
     * @return the id, as sent
     */
    String id();

    /**
     * The author (for server notices {@code system#domain}).
     *
     * @return the sender's address
     */
    EmsgAddress sender();

    /**
     * When the author wrote it, in milliseconds since the epoch (seconds and RFC 3339 input are converted).
     *
     * @return the timestamp, in milliseconds since the epoch
     */
    long timestampMillis();

    /**
     * The signature.
     *
     * @return the sender's signature over the canonical message
     */
    MessageSignature signature();

    /**
     * The JSON object exactly as received (one line, no trailing newline): what is stored and relayed.
     *
     * @return the JSON text as received
     */
    String json();

    /**
     * The group the message is about or sent to, or null.
     *
     * @return the group id, or null if the message is not about a group
     */
    GroupId group();

    /**
     * The single addressee of a one-to-one message or notice, or null for group traffic.
     *
     * @return the addressee, or null for group traffic
     */
    EmsgAddress recipient();
}
