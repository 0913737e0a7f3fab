package dev.missive.openmsg;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.Secret;
import dev.missive.event.EventListener;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgStore;
import dev.missive.openmsg.spi.PeerLocator;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.util.Arrays;

/**
 * What the four engine parts of a node share: its domain, SPIs, configuration and the listener
 * (already wrapped with {@link EventListener#contained}).
 */
record NodeContext(
        String domain,
        OpenmsgStore store,
        PeerTransport transport,
        PeerLocator locator,
        Clock clock,
        RandomSource random,
        EventListener events,
        OpenmsgConfig config) {

    /** The address of local user {@code id}. */
    OpenmsgAddress local(String id) {
        return new OpenmsgAddress(id, domain);
    }

    /** True if {@code address} belongs to this node. */
    boolean isLocal(OpenmsgAddress address) {
        return address.domain().equals(domain);
    }

    /** A fresh secret of {@code bytes} random bytes, held as its lowercase hex text (the wire form). */
    Secret randomHexSecret(int bytes) {
        return Secret.ofText(Encodings.hex(random.bytes(bytes)));
    }

    /** Reports {@code event}; the listener is contained, so the protocol step completes whatever it does. */
    void emit(OpenmsgEvent event) {
        events.onProtocolEvent(event);
    }

    /** True if {@code name} is a display name we store and send: 1..40 characters, no control characters. */
    static boolean isValidDisplayName(String name) {
        int length = name.codePointCount(0, name.length());
        return length >= 1
                && length <= OpenmsgConfig.MAX_NAME_LENGTH
                && name.codePoints().noneMatch(Character::isISOControl);
    }

    /** True if {@code code} holds six ASCII digits. */
    static boolean isPassCodeFormat(Secret code) {
        // Checked without building a String of the code: the digits are the secret.
        byte[] bytes = code.reveal();
        boolean digits = bytes.length == 6;
        for (byte b : bytes) {
            digits &= b >= '0' && b <= '9';
        }
        Arrays.fill(bytes, (byte) 0);
        return digits;
    }

    /** Peer-supplied text made safe to show: control characters removed, at most 200 characters. */
    static String sanitize(String peerText) {
        String clean = peerText.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() <= 200 ? clean : clean.substring(0, 200);
    }
}
