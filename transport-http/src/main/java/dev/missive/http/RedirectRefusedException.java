package dev.missive.http;

import java.io.IOException;

/** The peer answered with a redirect, which is never followed: a node must answer for its own domain. */
public final class RedirectRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The redirect's status, part of the serialized form. */
    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the redirect's HTTP status
     */
    public RedirectRefusedException(int status) {
        super("peer answered with redirect " + status + "; a node must answer for its own domain");
        this.status = status;
    }

    /**
     * The redirect's HTTP status.
     *
     * @return the status, e.g. 301
     */
    public int status() {
        return status;
    }
}
