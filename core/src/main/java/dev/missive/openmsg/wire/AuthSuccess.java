package dev.missive.openmsg.wire;

import java.util.Objects;

/**
 * The success answer of {@code auth/} (acceptor → initiator). {@code toString} hides the codes.
 *
 * @param authCode        {@code auth_code}, 64 hex
 * @param identCode       {@code ident_code}, 64 hex
 * @param messageCryptKey {@code message_crypt_key}, 64 hex
 * @param receivingName   {@code receiving_openmsg_address_name}: the acceptor user's display name
 */
public record AuthSuccess(String authCode, String identCode, String messageCryptKey, String receivingName) {

    public AuthSuccess {
        Objects.requireNonNull(authCode, "authCode");
        Objects.requireNonNull(identCode, "identCode");
        Objects.requireNonNull(messageCryptKey, "messageCryptKey");
        Objects.requireNonNull(receivingName, "receivingName");
    }

    @Override
    public String toString() {
        return "AuthSuccess[receivingName=" + receivingName + "]";
    }
}
