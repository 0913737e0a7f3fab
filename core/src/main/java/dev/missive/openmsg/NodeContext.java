package dev.missive.openmsg;

import dev.missive.crypto.Encodings;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.PeerFailure;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.spi.Clock;
import dev.missive.spi.EventListener;
import dev.missive.spi.ProtocolEvent;
import dev.missive.spi.RandomSource;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** What the four engine parts of a node share: its domain, SPIs and configuration. */
record NodeContext(String domain, OpenmsgStore store, PeerTransport transport, PeerLocator locator, Clock clock,
                   RandomSource random, EventListener events, OpenmsgConfig config) {

    /** The address of local user {@code id}. */
    OpenmsgAddress local(String id) {
        return new OpenmsgAddress(id, domain);
    }

    /** True if {@code address} belongs to this node. */
    boolean isLocal(OpenmsgAddress address) {
        return address.domain().equals(domain);
    }

    /** {@code bytes} fresh random bytes as lowercase hex. */
    String randomHex(int bytes) {
        return Encodings.hex(random.bytes(bytes));
    }

    /**
     * POSTs {@code body} to {@code endpoint} of the node at {@code peerDomain} (a validated domain): the
     * one place every outbound call of the node goes through. A failure that may have come after the
     * peer received the request is sent once more if {@link OpenmsgEndpoint#resendWhenDeliveryUncertain()}
     * allows it (a failure before sending was already resent by the transport, on a fresh connection).
     * A failed call, and an answer with a status other than 200, is reported as a
     * {@code peer.call_failed} event with the endpoint, the peer's domain and the {@link PeerFailure}.
     *
     * @return the answer, whatever its status (the caller interprets it)
     * @throws PeerUnreachableException when no answer was obtained, the last attempt's failure
     */
    PeerResponse post(String peerDomain, OpenmsgEndpoint endpoint, byte[] body) throws PeerUnreachableException {
        URI uri = locator.baseUri(peerDomain).resolve(config.pathPrefix() + endpoint.path());
        PeerResponse response;
        try {
            response = postWithPolicy(uri, endpoint, body);
        } catch (PeerUnreachableException e) {
            callFailed(peerDomain, endpoint, e.reason(), Map.of("maybe_delivered", Boolean.toString(e.requestMaybeDelivered())));
            throw e;
        }
        if (response.status() != 200) {
            callFailed(peerDomain, endpoint, PeerFailure.HTTP_STATUS, Map.of("status", Integer.toString(response.status())));
        }
        return response;
    }

    private PeerResponse postWithPolicy(URI uri, OpenmsgEndpoint endpoint, byte[] body) throws PeerUnreachableException {
        try {
            return transport.post(uri, body);
        } catch (PeerUnreachableException first) {
            if (!first.requestMaybeDelivered() || !endpoint.resendWhenDeliveryUncertain()) {
                throw first;
            }
            try {
                return transport.post(uri, body);
            } catch (PeerUnreachableException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private void callFailed(String peerDomain, OpenmsgEndpoint endpoint, PeerFailure reason, Map<String, String> more) {
        Map<String, String> attributes = new HashMap<>(more);
        attributes.put("endpoint", endpoint.name());
        attributes.put("peer", peerDomain);
        attributes.put("reason", reason.name());
        emit("peer.call_failed", attributes);
    }

    /** How a failed call is described in a protocol error or result: the reason and the transport's words. */
    static String describe(PeerUnreachableException e) {
        return e.reason() + ": " + sanitize(String.valueOf(e.getMessage()));
    }

    /** Reports an event; a failing listener never disturbs the protocol. */
    void emit(String name, Map<String, String> attributes) {
        try {
            events.onEvent(new ProtocolEvent("openmsg", name, clock.now(), attributes));
        } catch (RuntimeException ignored) {
            // Listeners must not throw; if one does, the protocol step still completes.
        }
    }

    /** True if {@code name} is a display name we store and send: 1..40 characters, no control characters. */
    static boolean isValidDisplayName(String name) {
        int length = name.codePointCount(0, name.length());
        return length >= 1 && length <= OpenmsgConfig.MAX_NAME_LENGTH
                && name.codePoints().noneMatch(Character::isISOControl);
    }

    /** True if {@code code} is six ASCII digits. */
    static boolean isPassCodeFormat(String code) {
        return code.length() == 6 && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Peer-supplied text made safe to show: control characters removed, at most 200 characters. */
    static String sanitize(String peerText) {
        String clean = peerText.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= 200 ? clean : clean.substring(0, 200);
    }
}
