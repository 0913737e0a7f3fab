package dev.missive.osms.spi;

import java.io.IOException;

/**
 * How the client engine reaches an OSMS server: one blocking HTTP exchange. The HTTP module
 * implements it (OkHttp, optionally through a SOCKS5 proxy that resolves {@code .onion} names).
 */
@FunctionalInterface
public interface OsmsTransport {

    /**
     * Sends one request and returns the response, whatever its status.
     *
     * @param request the request (path relative to the server's base URL)
     * @return the response
     * @throws IOException if no response arrived (connection failure, timeout)
     */
    OsmsHttpResponse exchange(OsmsHttpRequest request) throws IOException;
}
