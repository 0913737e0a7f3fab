package dev.missive.openmsg.wire;

import dev.missive.crypto.Secret;
import java.util.Objects;

/**
 * Body of {@code auth/} (initiator → acceptor).
 *
 * @param receivingAddressId {@code receiving_openmsg_address_id}: the acceptor's numeric id
 * @param passCode           {@code pass_code}: six digits, sent as a JSON string
 * @param sendingAddress     {@code sending_openmsg_address}: the initiator's full address (text, validated by the engine)
 * @param sendingName        {@code sending_openmsg_address_name}
 * @param allowReplies       {@code sending_allow_replies}
 */
public record AuthRequest(
        String receivingAddressId, Secret passCode, String sendingAddress, String sendingName, boolean allowReplies) {

    public AuthRequest {
        Objects.requireNonNull(receivingAddressId, "receivingAddressId");
        Objects.requireNonNull(passCode, "passCode");
        Objects.requireNonNull(sendingAddress, "sendingAddress");
        Objects.requireNonNull(sendingName, "sendingName");
    }
}
