package dev.missive.emsg.spi;

import java.util.Objects;

/**
 * An inbox entry with the position the store gave it.
 *
 * @param sequence positive, strictly increasing in insertion order within one inbox (gaps allowed)
 * @param entry    the entry
 */
public record StoredInboxEntry(long sequence, InboxEntry entry) {

    /** Checks the components. */
    public StoredInboxEntry {
        Objects.requireNonNull(entry, "entry");
        if (sequence <= 0) {
            throw new IllegalArgumentException("sequence must be positive");
        }
    }
}
