package dev.missive.emsg.spi;

import dev.missive.spi.ReplayGuardStore;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * A message's (sender, id) pair as the engine records it in the replay guard, handed to the store
 * write that delivers the message so both can commit as one unit ({@link InboxStore#appendAll},
 * {@link OutboxStore#enqueueAll}).
 *
 * @param scope     the replay-guard scope ({@code emsg.seen} or {@code emsg.relayed})
 * @param key       the guard key: hex(SHA-256(sender "\n" id))
 * @param expiresAt until when the pair refuses the same message again
 * @param now       the engine's time of the acceptance
 */
public record SeenMark(String scope, String key, Instant expiresAt, Instant now) {

    /** Checks the components as {@link ReplayGuardStore#recordIfAbsent} would. */
    public SeenMark {
        ReplayGuardStore.checkRecordArguments(scope, key, expiresAt, now);
    }

    /**
     * Records this mark in {@code guard}.
     *
     * @param guard the replay guard
     * @return true if recorded; false if a live entry already held it
     */
    public boolean recordIn(ReplayGuardStore guard) {
        return guard.recordIfAbsent(scope, key, expiresAt, now);
    }

    /**
     * Whether {@code guard} holds this mark, live at {@link #now()}.
     *
     * @param guard the replay guard
     * @return true if a live entry holds it
     */
    public boolean isRecordedIn(ReplayGuardStore guard) {
        return guard.isRecorded(scope, key, now);
    }

    /**
     * Writes {@code entries} and records this mark, unless {@code guard} already holds it: the
     * default of {@link InboxStore#appendAll} and {@link OutboxStore#enqueueAll}, for stores that
     * cannot share a transaction with the guard.
     *
     * @param <E> the entry type
     * @param guard the replay guard
     * @param entries the entries to write
     * @param write writes one entry, true if it was written
     * @return how many entries were written; empty if the mark was already recorded
     */
    public <E> OptionalInt writeOnce(ReplayGuardStore guard, List<E> entries, Predicate<E> write) {
        if (isRecordedIn(guard)) {
            return OptionalInt.empty();
        }
        int written = 0;
        for (E entry : entries) {
            written += write.test(entry) ? 1 : 0;
        }
        return recordIn(guard) ? OptionalInt.of(written) : OptionalInt.empty();
    }
}
