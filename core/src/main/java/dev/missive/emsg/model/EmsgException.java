package dev.missive.emsg.model;

import dev.missive.ProtocolException;
import java.util.Objects;

/**
 * A typed EMSG error: its {@link #error()} is the wire code of the reply, {@link #path()} the failing
 * JSON path of a schema violation, {@link #retryAfterMillis()} the wait of a rate-limit refusal.
 * Messages never contain secrets or echo peer input beyond a JSON path.
 */
public final class EmsgException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    /** The error code. */
    private final EmsgError error;

    /** The failing JSON path, or null. */
    private final String path;

    /** Milliseconds to wait before retrying, or -1. */
    private final long retryAfterMillis;

    /** The id of the refused message, or null. */
    private final String messageId;

    /**
     * An error with its default reason.
     *
     * @param error the code
     */
    public EmsgException(EmsgError error) {
        this(error, Objects.requireNonNull(error, "error").reason(), null, -1);
    }

    /**
     * An error with a detail.
     *
     * @param error   the code
     * @param message what was wrong, in general terms
     */
    public EmsgException(EmsgError error, String message) {
        this(error, message, null, -1);
    }

    /**
     * An error with every detail.
     *
     * @param error            the code
     * @param message          what was wrong, in general terms
     * @param path             failing JSON path, or null
     * @param retryAfterMillis wait before retrying, or -1
     */
    public EmsgException(EmsgError error, String message, String path, long retryAfterMillis) {
        this(error, message, path, retryAfterMillis, null);
    }

    private EmsgException(EmsgError error, String message, String path, long retryAfterMillis, String messageId) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
        this.path = path;
        this.retryAfterMillis = retryAfterMillis;
        this.messageId = messageId;
    }

    /**
     * The same error naming the message it refuses.
     *
     * @param id the message id
     * @return a new exception
     */
    public EmsgException withMessageId(String id) {
        EmsgException copy = new EmsgException(error, getMessage(), path, retryAfterMillis, id);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /**
     * The id of the refused message, or null.
     *
     * @return the message id, or null if the failure is not about one message
     */
    public String messageId() {
        return messageId;
    }

    /**
     * The error code.
     *
     * @return the error
     */
    public EmsgError error() {
        return error;
    }

    /**
     * The failing JSON path of a schema violation, or null.
     *
     * @return the JSON path of the violating member, or null if the error is not a schema violation
     */
    public String path() {
        return path;
    }

    /**
     * Milliseconds to wait before retrying a rate-limited request, or -1.
     *
     * @return the wait in milliseconds, or -1 if the error is not a rate limit
     */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    @Override
    public String protocol() {
        return "emsg";
    }

    @Override
    public String wireCode() {
        return Integer.toString(error.code());
    }
}
