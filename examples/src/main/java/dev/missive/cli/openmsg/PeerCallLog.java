package dev.missive.cli.openmsg;

import dev.missive.spi.EventListener;
import dev.missive.spi.ProtocolEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the node's failed calls to other nodes ({@code peer.call_failed}: endpoint, peer domain,
 * reason, HTTP status or whether the request may have arrived) as warnings, so an operator sees why a
 * callback failed, not only that a handshake was "not confirmed". The event carries no secrets.
 */
final class PeerCallLog implements EventListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.missive.openmsg.peer");

    @Override
    public void onEvent(ProtocolEvent event) {
        if (!event.name().equals("peer.call_failed")) {
            return;
        }
        var attributes = event.attributes();
        String detail = attributes.containsKey("status") ? "HTTP " + attributes.get("status")
                : "may have been delivered: " + attributes.getOrDefault("maybe_delivered", "true");
        LOG.warn("call to {} {} failed: {} ({})", attributes.get("peer"), attributes.get("endpoint"),
                attributes.get("reason"), detail);
    }
}
