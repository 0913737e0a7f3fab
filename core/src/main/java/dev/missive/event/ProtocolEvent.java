package dev.missive.event;

/**
 * A protocol step an engine took. Each protocol defines one sealed interface extending this one,
 * in its own root package (for example {@code dev.missive.openmsg.OpenmsgEvent}), whose records
 * are the steps it reports; a listener matches on that type and then switches exhaustively.
 */
public interface ProtocolEvent extends MissiveEvent {

    /**
     * Whether this step is a failure an operator should look at (a peer that cannot be reached, an
     * internal error), as opposed to routine work or bad input refused as the protocol says.
     *
     * @return {@code true} for a failure, {@code false} for routine work
     */
    default boolean isFailure() {
        return false;
    }
}
