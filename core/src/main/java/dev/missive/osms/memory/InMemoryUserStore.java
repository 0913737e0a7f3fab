package dev.missive.osms.memory;

import dev.missive.internal.Locks;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.UserRecord;
import dev.missive.osms.spi.UserStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** {@link UserStore} in memory; one lock keeps the username and key indexes consistent. */
public final class InMemoryUserStore implements UserStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<UserId, UserRecord> byId = new HashMap<>();
    private final Map<Username, UserId> byName = new HashMap<>();
    private final Map<String, UserId> byFingerprint = new HashMap<>();
    private final Set<String> consents = new HashSet<>();

    /** An empty store. */
    public InMemoryUserStore() {}

    @Override
    public Outcome create(UserRecord user) {
        Objects.requireNonNull(user, "user");
        return Locks.withLock(lock, () -> {
            if (byName.containsKey(user.username()) || byId.containsKey(user.id())) {
                return Outcome.USERNAME_TAKEN;
            }
            String fingerprint = user.publicKey().fingerprintHex();
            if (byFingerprint.containsKey(fingerprint)) {
                return Outcome.KEY_IN_USE;
            }
            byId.put(user.id(), user);
            byName.put(user.username(), user.id());
            byFingerprint.put(fingerprint, user.id());
            return Outcome.DONE;
        });
    }

    @Override
    public Optional<UserRecord> findById(UserId id) {
        return Locks.withLock(lock, () -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<UserRecord> findByUsername(Username username) {
        return Locks.withLock(
                lock, () -> Optional.ofNullable(byName.get(username)).map(byId::get));
    }

    @Override
    public Optional<UserRecord> findByFingerprint(String fingerprintHex) {
        return Locks.withLock(
                lock,
                () -> Optional.ofNullable(byFingerprint.get(fingerprintHex)).map(byId::get));
    }

    @Override
    public Outcome rename(UserId id, Username username, Instant at) {
        return Locks.withLock(lock, () -> {
            UserRecord user = byId.get(id);
            if (user == null) {
                return Outcome.NOT_FOUND;
            }
            if (user.username().equals(username)) {
                return Outcome.DONE;
            }
            if (byName.containsKey(username)) {
                return Outcome.USERNAME_TAKEN;
            }
            byName.remove(user.username());
            byName.put(username, id);
            byId.put(id, new UserRecord(id, username, user.publicKey(), user.createdAt(), at));
            return Outcome.DONE;
        });
    }

    @Override
    public Outcome setKey(UserId id, OtrPublicKey key, Instant at) {
        return Locks.withLock(lock, () -> {
            UserRecord user = byId.get(id);
            if (user == null) {
                return Outcome.NOT_FOUND;
            }
            String fingerprint = key.fingerprintHex();
            UserId holder = byFingerprint.get(fingerprint);
            if (holder != null && !holder.equals(id)) {
                return Outcome.KEY_IN_USE;
            }
            byFingerprint.remove(user.publicKey().fingerprintHex());
            byFingerprint.put(fingerprint, id);
            byId.put(id, new UserRecord(id, user.username(), key, user.createdAt(), at));
            return Outcome.DONE;
        });
    }

    @Override
    public void grantConsent(UserId from, UserId to, Instant at) {
        Locks.withLock(lock, () -> {
            consents.add(from.value() + ">" + to.value());
        });
    }

    @Override
    public boolean hasConsent(UserId from, UserId to) {
        return Locks.withLock(lock, () -> consents.contains(from.value() + ">" + to.value()));
    }
}
