package dev.missive.openmsg.memory;

import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.Secret;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.OpenmsgUser;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.spi.PassCodeCheck;
import dev.missive.openmsg.spi.PendingHandshake;
import dev.missive.openmsg.spi.ReceivingConnection;
import dev.missive.openmsg.spi.SendingUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An {@link OpenmsgStore} in memory: for tests and ephemeral nodes. Every method runs under one lock,
 * so each call is atomic; nothing survives the process. The hashes of accepted messages go through
 * an {@link InMemoryReplayGuardStore} (scope {@value #MESSAGE_HASH_SCOPE}), recorded under the same
 * lock as the inbox append.
 */
public final class InMemoryOpenmsgStore implements OpenmsgStore {

    private record StoredPassCode(Secret code, Instant expiresAt) {}

    private record Pair(OpenmsgAddress self, OpenmsgAddress other) {}

    /** The replay-guard scope of the hashes of accepted messages. */
    static final String MESSAGE_HASH_SCOPE = "openmsg.message_hash";

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, OpenmsgUser> users = new HashMap<>();
    private final Map<String, List<StoredPassCode>> passCodes = new HashMap<>();
    private final Map<String, Integer> passCodeFailures = new HashMap<>();
    private final Map<Pair, PendingHandshake> pending = new LinkedHashMap<>();
    private final Map<Pair, OpenmsgConnection> connections = new HashMap<>();
    private final Map<String, OutboundMessage> outbound = new LinkedHashMap<>();
    private final InMemoryReplayGuardStore replayGuard = new InMemoryReplayGuardStore();
    private final List<InboxMessage> inbox = new ArrayList<>();

    /** An empty store. */
    public InMemoryOpenmsgStore() {}

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private void locked(Runnable work) {
        locked(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void putUser(OpenmsgUser user) {
        Objects.requireNonNull(user, "user");
        locked(() -> users.put(user.id(), user));
    }

    @Override
    public Optional<OpenmsgUser> user(String id) {
        return locked(() -> Optional.ofNullable(users.get(id)));
    }

    @Override
    public void addPassCode(String userId, Secret code, Instant issuedAt, Instant expiresAt) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
        locked(() -> {
            passCodes.computeIfAbsent(userId, id -> new ArrayList<>()).add(new StoredPassCode(code, expiresAt));
            passCodeFailures.remove(userId);
        });
    }

    @Override
    public PassCodeCheck usePassCode(String userId, Secret presented, Instant now, int maxFailures) {
        return locked(() -> {
            if (!users.containsKey(userId)) {
                return PassCodeCheck.REJECTED;
            }
            List<StoredPassCode> codes = passCodes.getOrDefault(userId, List.of());
            StoredPassCode match = null;
            for (StoredPassCode candidate : codes) {
                // Compare against every code so the time taken does not depend on which one matches.
                if (candidate.code().matches(presented) && match == null) {
                    match = candidate;
                }
            }
            if (match != null) {
                codes.remove(match);
                if (now.isBefore(match.expiresAt())) {
                    passCodeFailures.remove(userId);
                    return PassCodeCheck.ACCEPTED;
                }
                return PassCodeCheck.EXPIRED;
            }
            int failures = passCodeFailures.merge(userId, 1, Integer::sum);
            if (failures >= maxFailures) {
                passCodes.remove(userId);
                passCodeFailures.remove(userId);
                return PassCodeCheck.LOCKED_OUT;
            }
            return PassCodeCheck.REJECTED;
        });
    }

    @Override
    public void putPendingHandshake(PendingHandshake handshake) {
        Objects.requireNonNull(handshake, "handshake");
        locked(() -> {
            Pair key = new Pair(handshake.initiator(), handshake.acceptor());
            pending.remove(key);
            pending.put(key, handshake);
        });
    }

    @Override
    public List<PendingHandshake> pendingHandshakes(OpenmsgAddress acceptor) {
        return locked(() -> pending.values().stream()
                .filter(p -> p.acceptor().equals(acceptor))
                .toList());
    }

    @Override
    public boolean removePendingHandshake(OpenmsgAddress initiator, OpenmsgAddress acceptor, Secret passcodeHash) {
        return locked(() -> {
            Pair key = new Pair(initiator, acceptor);
            PendingHandshake current = pending.get(key);
            if (current == null || !current.passcodeHash().matches(passcodeHash)) {
                return false;
            }
            pending.remove(key);
            return true;
        });
    }

    @Override
    public void putConnection(OpenmsgConnection connection) {
        Objects.requireNonNull(connection, "connection");
        locked(() -> connections.put(new Pair(connection.self(), connection.other()), connection));
    }

    @Override
    public Optional<OpenmsgConnection> connection(OpenmsgAddress self, OpenmsgAddress other) {
        return locked(() -> Optional.ofNullable(connections.get(new Pair(self, other))));
    }

    @Override
    public Optional<OpenmsgConnection> connectionByIdentCode(OpenmsgAddress self, Secret identCode) {
        return locked(() -> connections.values().stream()
                .filter(c -> c.self().equals(self) && c.identCode().matches(identCode))
                .findFirst());
    }

    /** {@inheritDoc} Both under the store's lock: one snapshot. */
    @Override
    public Optional<SendingUser> sendingUser(OpenmsgAddress self, OpenmsgAddress other) {
        return locked(() -> Optional.ofNullable(users.get(self.id()))
                .map(user -> new SendingUser(user, Optional.ofNullable(connections.get(new Pair(self, other))))));
    }

    /** {@inheritDoc} Both under the store's lock: one snapshot. */
    @Override
    public Optional<ReceivingConnection> receivingConnection(
            OpenmsgAddress self, Secret identCode, String messageHash, Instant now) {
        return locked(() -> connectionByIdentCode(self, identCode)
                .map(connection -> new ReceivingConnection(
                        connection, replayGuard.isRecorded(MESSAGE_HASH_SCOPE, messageHash, now))));
    }

    @Override
    public void addOutbound(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        locked(() -> {
            if (outbound.containsKey(message.messageHash())) {
                throw new IllegalStateException("duplicate message hash");
            }
            outbound.put(message.messageHash(), message);
        });
    }

    @Override
    public boolean confirmOutbound(String messageHash, String messageNonce, Instant now) {
        return locked(() -> {
            OutboundMessage message = outbound.get(messageHash);
            if (message == null
                    || !ConstantTime.equals(message.messageNonce(), messageNonce)
                    || message.status() != OutboundStatus.PENDING
                    || now.isAfter(message.confirmableUntil())) {
                return false;
            }
            outbound.put(messageHash, message.withStatus(OutboundStatus.CONFIRMED));
            return true;
        });
    }

    @Override
    public void completeOutbound(String messageHash, OutboundStatus status) {
        Objects.requireNonNull(status, "status");
        locked(() -> outbound.computeIfPresent(messageHash, (hash, message) -> message.withStatus(status)));
    }

    @Override
    public List<OutboundMessage> outbound(OpenmsgAddress sender) {
        return locked(() -> outbound.values().stream()
                .filter(m -> m.sender().equals(sender))
                .toList());
    }

    @Override
    public boolean isReplay(String messageHash, Instant now) {
        return locked(() -> replayGuard.isRecorded(MESSAGE_HASH_SCOPE, messageHash, now));
    }

    @Override
    public boolean acceptInbound(InboxMessage message, Instant guardExpiresAt) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(guardExpiresAt, "guardExpiresAt");
        return locked(() -> {
            if (!replayGuard.recordIfAbsent(
                    MESSAGE_HASH_SCOPE, message.messageHash(), guardExpiresAt, message.receivedAt())) {
                return false;
            }
            inbox.add(message);
            return true;
        });
    }

    @Override
    public List<InboxMessage> inbox(OpenmsgAddress recipient) {
        return locked(() ->
                inbox.stream().filter(m -> m.recipient().equals(recipient)).toList());
    }

    @Override
    public int purgeExpired(Instant now) {
        return locked(() -> {
            int purged = 0;
            for (List<StoredPassCode> codes : passCodes.values()) {
                int before = codes.size();
                codes.removeIf(code -> !now.isBefore(code.expiresAt()));
                purged += before - codes.size();
            }
            for (Iterator<PendingHandshake> it = pending.values().iterator(); it.hasNext(); ) {
                if (!now.isBefore(it.next().expiresAt())) {
                    it.remove();
                    purged++;
                }
            }
            return purged + replayGuard.purgeExpired(now);
        });
    }
}
