package dev.missive.osms.memory;

import dev.missive.osms.spi.ServerKeyRecord;
import dev.missive.osms.spi.ServerKeyStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** {@link ServerKeyStore} in memory: the key lives as long as the process. */
public final class InMemoryServerKeyStore implements ServerKeyStore {

    private final AtomicReference<ServerKeyRecord> key = new AtomicReference<>();

    /** An empty store. */
    public InMemoryServerKeyStore() {}

    @Override
    public Optional<ServerKeyRecord> load() {
        return Optional.ofNullable(key.get());
    }

    @Override
    public ServerKeyRecord saveIfAbsent(ServerKeyRecord record) {
        Objects.requireNonNull(record, "record");
        return key.compareAndSet(null, record) ? record : key.get();
    }
}
