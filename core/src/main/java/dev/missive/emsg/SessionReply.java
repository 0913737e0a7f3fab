package dev.missive.emsg;

import java.util.Objects;

/**
 * What a session answers to one line: the reply line to write (without newline) and whether the
 * transport must close the connection after writing it.
 *
 * @param line  the reply, one JSON object
 * @param close whether to close after writing
 */
public record SessionReply(String line, boolean close) {

    /** Checks the components. */
    public SessionReply {
        Objects.requireNonNull(line, "line");
    }

    static SessionReply of(String line) {
        return new SessionReply(line, false);
    }

    static SessionReply closing(String line) {
        return new SessionReply(line, true);
    }
}
