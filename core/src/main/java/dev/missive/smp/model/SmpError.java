package dev.missive.smp.model;

/**
 * The closed set of errors of the seed dialect of SMP, each with its exact wire text (the part
 * after the empty signature line and the connId line of an error transmission).
 */
public enum SmpError {
    /** Unknown command keyword. */
    UNKNOWN("ERR UNKNOWN"),
    /** A server message sent by a client, or {@code ACK} with nothing delivered. */
    PROHIBITED("ERR PROHIBITED"),
    /** Signature or connId is not valid base64. */
    SYNTAX_1("ERR SYNTAX 1"),
    /** Wrong number or format of parameters. */
    SYNTAX_2("ERR SYNTAX 2"),
    /** ConnId and/or signature required but absent. */
    SYNTAX_3("ERR SYNTAX 3"),
    /** ConnId and/or signature present but not allowed. */
    SYNTAX_4("ERR SYNTAX 4"),
    /** ConnId required and absent ({@code SEND}). */
    SYNTAX_5("ERR SYNTAX 5"),
    /** Message body is neither {@code :text} nor a decimal size. */
    SYNTAX_6("ERR SYNTAX 6"),
    /** Body size wrong or over the limits; also a full queue (see docs/smp.md). */
    SIZE("ERR SIZE"),
    /** Bad signature, unknown or suspended queue, wrong role, wrong signing state. */
    AUTH("ERR AUTH"),
    /** Server fault. */
    INTERNAL("ERR INTERNAL");

    private final String wireText;

    SmpError(String wireText) {
        this.wireText = wireText;
    }

    /**
     * The exact text of the error's command line, e.g. {@code ERR SYNTAX 2}.
     *
     * @return the full error line text
     */
    public String wireText() {
        return wireText;
    }

    /**
     * The error type after {@code "ERR "}, e.g. {@code SYNTAX 2}.
     *
     * @return the error type
     */
    public String type() {
        return wireText.substring(4);
    }

    /**
     * The error whose type (the text after {@code "ERR "}) is {@code type}.
     *
     * @param type the error type, e.g. {@code "SYNTAX 2"} or {@code "AUTH"}
     * @return the error
     * @throws IllegalArgumentException if no error has that type
     */
    public static SmpError ofType(String type) {
        for (SmpError e : values()) {
            if (e.type().equals(type)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown SMP error type");
    }
}
