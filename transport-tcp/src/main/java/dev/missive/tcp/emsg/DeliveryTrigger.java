package dev.missive.tcp.emsg;

import dev.missive.emsg.EmsgEvent;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;

/**
 * Wakes an {@link EmsgTcpServer}'s outbox drainer as soon as the engine queues a message for a peer,
 * so federation does not wait for the next polling interval. Give it to the engine among its event
 * listeners and to {@link EmsgTcpServer.Builder#federation(EmsgPeers, java.time.Duration, DeliveryTrigger)}.
 */
public final class DeliveryTrigger implements EventListener {

    private volatile Runnable wake = () -> {};

    /** A trigger not yet tied to a server (it does nothing until then). */
    public DeliveryTrigger() {}

    void tie(Runnable wakeUp) {
        this.wake = wakeUp;
    }

    @Override
    public void onProtocolEvent(ProtocolEvent event) {
        if (event instanceof EmsgEvent.MessageAccepted accepted && accepted.queued() > 0) {
            wake.run();
        }
    }
}
