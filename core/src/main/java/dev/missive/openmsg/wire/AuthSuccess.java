package dev.missive.openmsg.wire;

import dev.missive.crypto.Secret;
import java.util.Objects;

/**
 * The success answer of {@code auth/} (acceptor → initiator).
 *
 * @param authCode        {@code auth_code}, 64 lowercase hex
 * @param identCode       {@code ident_code}, 64 lowercase hex
 * @param messageCryptKey {@code message_crypt_key}, 64 lowercase hex
 * @param receivingName   {@code receiving_openmsg_address_name}: the acceptor user's display name
 */
public record AuthSuccess(Secret authCode, Secret identCode, Secret messageCryptKey, String receivingName) {

    public AuthSuccess {
        Objects.requireNonNull(authCode, "authCode");
        Objects.requireNonNull(identCode, "identCode");
        Objects.requireNonNull(messageCryptKey, "messageCryptKey");
        Objects.requireNonNull(receivingName, "receivingName");
    }
}
