package dev.missive.emsg.spi;

import java.util.Objects;

/**
 * Where a domain's EMSG server listens.
 *
 * @param host host name or IP literal
 * @param port TCP port (5888 by convention)
 */
public record ServerEndpoint(String host, int port) {

    /** The conventional ESMP port. */
    public static final int DEFAULT_PORT = 5888;

    /** Checks the components. */
    public ServerEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }
}
