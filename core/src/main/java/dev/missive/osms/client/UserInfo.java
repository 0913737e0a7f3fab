package dev.missive.osms.client;

import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import java.util.Objects;

/**
 * A user's directory record as the client saw it, with what its pin store said about the key.
 *
 * @param username  the username
 * @param publicKey the key the server published
 * @param pin       how the key compares with the pin
 */
public record UserInfo(Username username, OtrPublicKey publicKey, PinCheck pin) {

    /** Validates. */
    public UserInfo {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(pin, "pin");
    }

    /** How a key compares with the pin store. */
    public enum PinCheck {
        /** No pin existed: this key is now pinned (trust on first use). */
        PINNED_NOW,
        /** The key equals the pin. */
        MATCHES,
        /** The key differs from the pin: a security event; the pin is unchanged. */
        CHANGED
    }
}
