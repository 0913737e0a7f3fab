package dev.missive.event;

/** Why a transport connection ended. */
public enum CloseReason {
    /** The peer closed its end in an orderly way. */
    PEER_CLOSED,
    /** This side closed it on purpose (a client finishing, a takeover, an operator). */
    LOCAL_CLOSE,
    /** The server is stopping. */
    SERVER_STOPPING,
    /** Nothing arrived for longer than the idle timeout. */
    IDLE_TIMEOUT,
    /** The opening handshake did not complete in time. */
    HANDSHAKE_TIMEOUT,
    /** The peer broke the framing or the protocol, or sent more than the size cap. */
    PROTOCOL_ERROR,
    /** The peer did not read fast enough and the outbound queue filled up. */
    SLOW_PEER,
    /** The socket failed (reset, broken pipe). */
    IO_ERROR
}
