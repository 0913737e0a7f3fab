package dev.missive.http;

import java.io.IOException;

/** A request or response body exceeded its size cap; nothing of it was processed. */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The cap that was exceeded, part of the serialized form. */
    private final long limit;

    /**
     * Creates the exception.
     *
     * @param limit the cap, in bytes, that the body exceeded
     */
    public BodyTooLargeException(long limit) {
        super("body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    /**
     * The cap, in bytes, that the body exceeded.
     *
     * @return the cap in bytes
     */
    public long limit() {
        return limit;
    }
}
