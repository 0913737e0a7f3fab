package dev.missive.openmsg.wire;

import dev.missive.crypto.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code auth-confirm/} (acceptor → initiator callback). At least one of {@code passcodeHash}
 * (current form) and {@code legacyPassCode} (the raw {@code pass_code} of peers older than 29 Oct
 * 2025) is present; an acceptor sends both so that initiators of either age can confirm, and a reader
 * that gets both uses the hash.
 *
 * @param receivingAddress {@code receiving_openmsg_address} (or legacy {@code other_openmsg_address}):
 *                         the acceptor's full address (text, validated by the engine)
 * @param passcodeHash     {@code passcode_hash}, 64 lowercase hex
 * @param legacyPassCode   {@code pass_code}, six digits
 */
public record AuthConfirmRequest(
        String receivingAddress, Optional<Secret> passcodeHash, Optional<Secret> legacyPassCode) {

    public AuthConfirmRequest {
        Objects.requireNonNull(receivingAddress, "receivingAddress");
        Objects.requireNonNull(passcodeHash, "passcodeHash");
        Objects.requireNonNull(legacyPassCode, "legacyPassCode");
        if (passcodeHash.isEmpty() && legacyPassCode.isEmpty()) {
            throw new IllegalArgumentException("passcodeHash or legacyPassCode is required");
        }
    }
}
