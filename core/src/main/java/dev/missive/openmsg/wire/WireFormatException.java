package dev.missive.openmsg.wire;

/**
 * A request or reply body that is not what the protocol allows: too large, not a JSON object, a
 * required field missing, of the wrong JSON type or in the wrong format. The message names the field
 * and the rule, never the value.
 */
public final class WireFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message the field and the rule it broke, never its value */
    public WireFormatException(String message) {
        super(message);
    }
}
