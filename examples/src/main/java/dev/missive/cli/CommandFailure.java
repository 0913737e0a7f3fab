package dev.missive.cli;

import java.nio.file.NoSuchFileException;

/**
 * A runtime failure the user can act on (a store that cannot be opened, a port in use, a refused
 * protocol step): {@link MissiveCli} prints its message as the whole report, after the command's
 * name, and exits with 1.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure whose message is the whole report.
     *
     * @param message the one-line report, naming the bad value
     */
    public CommandFailure(String message) {
        super(message);
    }

    /**
     * A failure caused by {@code cause}; the message should already say what the cause means.
     *
     * @param message the one-line report, naming the bad value
     * @param cause the failure behind it, kept for debugging
     */
    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code e}'s message followed by its root cause's, for libraries that wrap the useful detail
     * ("connection refused", "not a directory") in a general message.
     *
     * @param e the failure to describe
     * @return its message, then its root cause's message where that adds something
     */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // A missing file's message is only its name.
        String detail = root instanceof NoSuchFileException ? "no such file " + root.getMessage() : root.getMessage();
        String message = root == e ? null : e.getMessage();
        if (message == null) {
            return detail != null ? detail : "no detail given";
        }
        return detail == null || message.contains(root.getMessage()) ? message : message + ": " + detail;
    }
}
