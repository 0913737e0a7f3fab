package dev.missive.tcp.smp;

/** How SMP transmissions travel over a TCP connection. */
public enum SmpTransportMode {
    /**
     * The seed dialect as the 2020 reference server spoke it: CRLF transmissions straight on the
     * socket, optionally preceded by the server's {@code Welcome to SMP} CRLF greeting.
     */
    PLAIN,
    /**
     * Appendix A as realised in 2021: server RSA key in the clear (pinned by its SHA-256), RSA-OAEP
     * client handshake, then AES-256-GCM blocks carrying the same CRLF stream, opened by the
     * server's {@code SMP a.b.c.d} greeting line.
     */
    ENCRYPTED
}
