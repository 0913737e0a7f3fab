package dev.missive.smp.spi;

/** What {@link MessageStore#append} did with a message. */
public enum Appended {

    /** Stored, and the queue held no other message: the new message is the queue's head. */
    AS_HEAD,

    /** Stored behind the messages the queue already held. */
    BEHIND_OTHERS,

    /** Not stored: the queue already held as many messages as its quota allows. */
    REFUSED_FULL;

    /**
     * Whether the message was stored.
     *
     * @return {@code true} unless the queue was full
     */
    public boolean stored() {
        return this != REFUSED_FULL;
    }
}
