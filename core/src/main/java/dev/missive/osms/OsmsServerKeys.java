package dev.missive.osms;

import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.spi.ServerKeyRecord;
import dev.missive.osms.spi.ServerKeyStore;
import dev.missive.spi.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/** The server key's life cycle: generated once, kept in the store, the same after every restart. */
public final class OsmsServerKeys {

    private OsmsServerKeys() {}

    /**
     * The stored server key, or a new one from {@code generator} stored first (if two servers race on
     * one store, both end up with the key stored first).
     *
     * @param store     where the key lives
     * @param generator makes a new DSA-1024/160 key (the host's randomness, e.g.
     *                  {@code () -> OtrKeyPair.generate(new SecureRandom())})
     * @param clock     the creation time
     * @return the key pair
     */
    public static OtrKeyPair loadOrCreate(ServerKeyStore store, Supplier<OtrKeyPair> generator, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(clock, "clock");
        var stored = store.load();
        if (stored.isPresent()) {
            return OtrKeyPair.fromPkcs8(stored.get().revealPkcs8());
        }
        OtrKeyPair fresh = generator.get();
        ServerKeyRecord kept = store.saveIfAbsent(
                new ServerKeyRecord(fresh.revealPkcs8(), OtrPublicKey.of(fresh.publicKey()), clock.now()));
        return OtrKeyPair.fromPkcs8(kept.revealPkcs8());
    }
}
