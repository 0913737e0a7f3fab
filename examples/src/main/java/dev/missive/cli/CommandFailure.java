package dev.missive.cli;

import java.nio.file.NoSuchFileException;

/**
 * A runtime failure the user can act on (a store that cannot be opened, a port in use, a refused
 * protocol step): {@link MissiveCli} prints its message as the whole report, after the command's
 * name, and exits with 1.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure whose message is the whole report. */
    public CommandFailure(String message) {
        super(message);
    }

    /** A failure caused by {@code cause}; the message should already say what the cause means. */
    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code e}'s message followed by its root cause's, for libraries that wrap the useful detail
     * ("connection refused", "not a directory") in a general message.
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
