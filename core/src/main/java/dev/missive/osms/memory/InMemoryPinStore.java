package dev.missive.osms.memory;

import dev.missive.osms.spi.PinRecord;
import dev.missive.osms.spi.PinStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PinStore} in memory. */
public final class InMemoryPinStore implements PinStore {

    private final ConcurrentHashMap<String, PinRecord> pins = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryPinStore() {}

    @Override
    public Optional<PinRecord> find(String server, String subject) {
        return Optional.ofNullable(pins.get(key(server, subject)));
    }

    @Override
    public void put(PinRecord pin) {
        Objects.requireNonNull(pin, "pin");
        pins.put(key(pin.server(), pin.subject()), pin);
    }

    private static String key(String server, String subject) {
        return server + "\n" + subject;
    }
}
