package dev.missive.openmsg;

import dev.missive.openmsg.model.ResponseCode;
import java.util.Objects;

/** A message refused with one of the {@code SM_E00x} response codes. */
public final class MessageRejectedException extends OpenmsgException {

    private static final long serialVersionUID = 1L;

    /** The response code, part of the serialized form. */
    private final ResponseCode code;
    /** The detail text, part of the serialized form. */
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param code   the response code to answer with (never {@link ResponseCode#SM_S888})
     * @param detail what was wrong, in general terms (no input values)
     */
    public MessageRejectedException(ResponseCode code, String detail) {
        super(Objects.requireNonNull(code, "code").name() + ": " + detail);
        if (code.isSuccess()) {
            throw new IllegalArgumentException("SM_S888 is not an error");
        }
        this.code = code;
        this.detail = String.valueOf(detail);
    }

    /**
     * The response code.
     *
     * @return the code answered to the peer
     */
    public ResponseCode code() {
        return code;
    }

    /**
     * What was wrong, without the code: the {@code error_message} answered to the peer.
     *
     * @return the error message, fixed text that never echoes the request
     */
    public String detail() {
        return detail;
    }

    /** The {@code response_code}, e.g. {@code SM_E004}. */
    @Override
    public String wireCode() {
        return code.name();
    }
}
