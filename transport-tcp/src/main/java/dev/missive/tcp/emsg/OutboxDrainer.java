package dev.missive.tcp.emsg;

import dev.missive.emsg.DeliveryReply;
import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.OutboundDelivery;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the engine's due outbox entries to peer servers, on one virtual thread that wakes every
 * interval or when {@link #wake()}n. The engine owns the schedule (lease, backoff with jitter,
 * expiry); this only carries each line to its destination and reports the reply or the failure.
 * Entries for one destination are spread over its {@link EmsgPeers#LANES} connections (the receiving
 * server commits the lanes' messages together); destinations and
 * lanes proceed in parallel (federation never promised order: retries reorder anyway).
 */
final class OutboxDrainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrainer.class);
    private static final int BATCH = 256;

    private final EmsgServer engine;
    private final EmsgPeers peers;
    private final Duration interval;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean closed;
    private Thread loop;

    OutboxDrainer(EmsgServer engine, EmsgPeers peers, Duration interval) {
        this.engine = engine;
        this.peers = peers;
        this.interval = interval;
    }

    void start() {
        loop = Thread.ofVirtual().name("missive-emsg-outbox").start(this::run);
    }

    void wake() {
        wakeUps.release();
    }

    private void run() {
        while (!closed) {
            try {
                drain();
            } catch (RuntimeException e) {
                // A store hiccup must not end delivery for good: try again next round.
                LOG.warn("draining the EMSG outbox failed", e);
            }
            try {
                wakeUps.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Delivers due entries until none is left due. */
    void drain() {
        while (!closed) {
            List<OutboundDelivery> due = engine.nextDue(BATCH);
            if (due.isEmpty()) {
                return;
            }
            // Per destination, entries are spread over its lanes (connections) round robin.
            Map<String, List<List<OutboundDelivery>>> byDestination = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (OutboundDelivery delivery : due) {
                List<List<OutboundDelivery>> lanes = byDestination.computeIfAbsent(delivery.destination(), d -> {
                    List<List<OutboundDelivery>> empty = new ArrayList<>();
                    for (int i = 0; i < EmsgPeers.LANES; i++) {
                        empty.add(new ArrayList<>());
                    }
                    return empty;
                });
                int n = counts.merge(delivery.destination(), 1, Integer::sum) - 1;
                lanes.get(n % EmsgPeers.LANES).add(delivery);
            }
            List<Thread> workers = new ArrayList<>();
            for (List<List<OutboundDelivery>> lanes : byDestination.values()) {
                for (int lane = 0; lane < lanes.size(); lane++) {
                    List<OutboundDelivery> deliveries = lanes.get(lane);
                    int index = lane;
                    if (!deliveries.isEmpty()) {
                        workers.add(Thread.ofVirtual()
                                .name("missive-emsg-deliver")
                                .start(() -> deliverInOrder(index, deliveries)));
                    }
                }
            }
            for (Thread worker : workers) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (due.size() < BATCH) {
                return;
            }
        }
    }

    /**
     * Sends a lane's deliveries one after the other, then reports their replies together: the engine
     * removes the delivered entries in one store write (a crash before that only means a resend, which
     * the peer answers with {@code 409}, counted as delivered).
     */
    private void deliverInOrder(int lane, List<OutboundDelivery> deliveries) {
        boolean unreachable = false;
        List<DeliveryReply> replies = new ArrayList<>(deliveries.size());
        for (OutboundDelivery delivery : deliveries) {
            try {
                if (unreachable || closed) {
                    // One failure to reach a peer fails the rest of its batch without more tries.
                    engine.onDeliveryFailure(delivery);
                    continue;
                }
                try {
                    replies.add(
                            new DeliveryReply(delivery, peers.deliver(delivery.destination(), lane, delivery.line())));
                } catch (IOException e) {
                    LOG.debug("delivery to {} failed: {}", delivery.destination(), e.toString());
                    unreachable = true;
                    engine.onDeliveryFailure(delivery);
                }
            } catch (RuntimeException e) {
                LOG.warn("recording a delivery to {} failed", delivery.destination(), e);
            }
        }
        try {
            engine.onDeliveryReplies(replies);
        } catch (RuntimeException e) {
            LOG.warn("recording deliveries failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running = loop;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
