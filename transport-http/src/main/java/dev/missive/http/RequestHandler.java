package dev.missive.http;

import java.io.InputStream;

/**
 * Framework-neutral request handling: what a host's own HTTP server (Servlet, Netty, Javalin, the
 * JDK server) calls for every request it routes to Missive. Implementations never throw for bad
 * input; every outcome is an {@link HttpResult}.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * Handles one request.
     *
     * @param method the HTTP method, e.g. {@code "POST"}
     * @param path   the decoded request path without query, e.g. {@code "/openmsg/auth/"}
     * @param body   the request body; the handler reads at most its own cap from it
     * @return the status, headers and body to answer with
     */
    HttpResult handle(String method, String path, InputStream body);

    /**
     * Handles one request whose headers matter (content negotiation, a session header). Servers call
     * this method; the default ignores the headers, so a handler that needs none implements only
     * {@link #handle(String, String, InputStream)}.
     *
     * @param method  the HTTP method, e.g. {@code "POST"}
     * @param path    the decoded request path without query
     * @param headers the request headers
     * @param body    the request body; the handler reads at most its own cap from it
     * @return the answer
     */
    default HttpResult handle(String method, String path, RequestHeaders headers, InputStream body) {
        return handle(method, path, body);
    }
}
