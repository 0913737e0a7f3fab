package dev.missive.openmsg.wire;

import java.util.Objects;

/**
 * Body of {@code message-confirm/} (recipient → sender callback).
 *
 * @param messageHash  {@code message_hash}: 64 hex
 * @param messageNonce {@code message_nonce}: base64url without padding of the 24-byte nonce (32 characters)
 */
public record MessageConfirmRequest(String messageHash, String messageNonce) {

    public MessageConfirmRequest {
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(messageNonce, "messageNonce");
    }
}
