package dev.missive.http;

import dev.missive.event.FailureKind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** What kind of failure an outbound HTTP call's {@link IOException} is, for the protocols' events. */
public final class FailureKinds {

    private FailureKinds() {}

    /**
     * The kind of failure, from the first exception in the cause chain that tells.
     *
     * @param failure what {@link HttpPeerClient} threw
     * @return the kind; {@link FailureKind#IO} when nothing in the chain tells
     */
    public static FailureKind of(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            FailureKind reason = switch (t) {
                case BodyTooLargeException e -> FailureKind.TOO_LARGE;
                case RedirectRefusedException e -> FailureKind.REDIRECT;
                case UnknownHostException e -> FailureKind.DNS;
                case ConnectException e -> isTimeout(e) ? FailureKind.TIMEOUT : FailureKind.REFUSED;
                case NoRouteToHostException e -> FailureKind.REFUSED;
                case SSLException e -> FailureKind.TLS;
                case InterruptedIOException e -> FailureKind.TIMEOUT;
                case EOFException e -> FailureKind.RESET;
                case ProtocolException e -> FailureKind.PROTOCOL;
                case SocketException e -> FailureKind.RESET;
                default -> null;
            };
            if (reason != null) {
                return reason;
            }
        }
        return FailureKind.IO;
    }

    private static boolean isTimeout(ConnectException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("timed out");
    }
}
