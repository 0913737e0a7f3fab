package dev.missive.openmsg.model;

import java.util.Optional;

/**
 * The message path's {@code response_code} values and their {@code error_code} strings ({@code docs/openmsg.md}).
 * Handshake endpoints carry no codes on the wire.
 */
public enum ResponseCode {
    /** Accepted. */
    SM_S888(null),
    /** Missing or malformed data, or an unknown / transport error. */
    SM_E000("message_data_missing"),
    /** No connection for this ident code (user not known). */
    SM_E001("ident_code_invalid"),
    /** The address does not accept messages. */
    SM_E002("message_rejected_byuser"),
    /** The sender's node did not confirm the message. */
    SM_E003("message_unknown"),
    /** The hash does not match. */
    SM_E004("message_hash_invalid"),
    /** The timestamp is outside the accepted window. */
    SM_E005("message_expired"),
    /** The package does not decrypt with the connection's key. */
    SM_E006("message_decryption_error"),
    /** The message (its hash) was already accepted: replay. */
    SM_E007("message_nonce_error"),
    /** Temporarily refused (maintenance). */
    SM_E008("message_rejected_temp"),
    /** Permanently refused. */
    SM_E009("message_rejected_perm");

    private final String errorCode;

    ResponseCode(String errorCode) {
        this.errorCode = errorCode;
    }

    /**
     * The {@code error_code} string sent next to this code; empty for {@link #SM_S888}.
     *
     * @return the error code, e.g. {@code "SM_E007"}; empty for success
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * True for {@link #SM_S888}.
     *
     * @return {@code true} only for success
     */
    public boolean isSuccess() {
        return this == SM_S888;
    }

    /**
     * The code named {@code wire} (exact, upper case), if any.
     *
     * @param wire the code as it appears in a response body
     * @return the code, or empty if {@code wire} names none
     */
    public static Optional<ResponseCode> fromWire(String wire) {
        for (ResponseCode code : values()) {
            if (code.name().equals(wire)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
