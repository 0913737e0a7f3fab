package dev.missive.openmsg.wire;

import dev.missive.crypto.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * Body of {@code message-receive/} (sender → recipient).
 *
 * @param receivingAddressId {@code receiving_openmsg_address_id}: digits
 * @param identCode          {@code ident_code}: 64 lowercase hex
 * @param messagePackage     {@code message_package}: base64url without padding of nonce ‖ mac ‖ ciphertext
 * @param messageHash        {@code message_hash}: 64 hex
 * @param messageSalt        {@code message_salt}: 32 hex
 * @param messageTimestamp   {@code message_timestamp}: Unix seconds, a JSON integer
 * @param sendingName        {@code sending_openmsg_address_name}, if present and a string (informational)
 */
public record MessageReceiveRequest(
        String receivingAddressId,
        Secret identCode,
        String messagePackage,
        String messageHash,
        String messageSalt,
        long messageTimestamp,
        Optional<String> sendingName) {

    public MessageReceiveRequest {
        Objects.requireNonNull(receivingAddressId, "receivingAddressId");
        Objects.requireNonNull(identCode, "identCode");
        Objects.requireNonNull(messagePackage, "messagePackage");
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(messageSalt, "messageSalt");
        Objects.requireNonNull(sendingName, "sendingName");
    }

    @Override
    public String toString() {
        return "MessageReceiveRequest[receivingAddressId=" + receivingAddressId + ", hash=" + messageHash
                + ", timestamp=" + messageTimestamp + "]";
    }
}
