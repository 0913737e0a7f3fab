package dev.missive.event;

/** The wrapper behind {@link EventListener#contained}: a listener's exception stops here. */
final class ContainedListener implements EventListener {

    private final EventListener delegate;

    ContainedListener(EventListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onProtocolEvent(ProtocolEvent event) {
        try {
            delegate.onProtocolEvent(event);
        } catch (RuntimeException ignored) {
            // A listener must not throw; the step it observed has happened and still completes.
        }
    }

    @Override
    public void onConnectionEvent(ConnectionEvent event) {
        try {
            delegate.onConnectionEvent(event);
        } catch (RuntimeException ignored) {
            // As above: the connection carries on whatever the listener does.
        }
    }

    @Override
    public void onStoreEvent(StoreEvent event) {
        try {
            delegate.onStoreEvent(event);
        } catch (RuntimeException ignored) {
            // As above: the store operation's outcome does not depend on the listener.
        }
    }
}
