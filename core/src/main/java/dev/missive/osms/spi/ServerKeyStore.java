package dev.missive.osms.spi;

import java.util.Optional;

/** Where the server keeps its one OTR key, so its fingerprint survives restarts. */
public interface ServerKeyStore {

    /**
     * The stored key.
     *
     * @return the key, empty before the first {@link #saveIfAbsent}
     */
    Optional<ServerKeyRecord> load();

    /**
     * Stores {@code key} unless a key is stored already (two servers starting on one store keep the
     * first).
     *
     * @param key the key
     * @return the key now stored: {@code key} or the one stored before
     */
    ServerKeyRecord saveIfAbsent(ServerKeyRecord key);
}
