package dev.missive.osms.spi;

import java.util.Optional;

/** A client's trust-on-first-use pins (server key and users' keys). */
public interface PinStore {

    /**
     * The pin of a subject.
     *
     * @param server  the server
     * @param subject a lower-case username or {@link PinRecord#SERVER}
     * @return the pin
     */
    Optional<PinRecord> find(String server, String subject);

    /**
     * Stores or replaces the pin of {@code (server, subject)}.
     *
     * @param pin the pin
     */
    void put(PinRecord pin);
}
