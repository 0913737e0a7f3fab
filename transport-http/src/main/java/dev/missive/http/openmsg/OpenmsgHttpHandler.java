package dev.missive.http.openmsg;

import dev.missive.http.BodyTooLargeException;
import dev.missive.http.BoundedBodies;
import dev.missive.http.HttpResult;
import dev.missive.http.RequestHandler;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.OpenmsgReply;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes Openmsg's four node-to-node endpoints to an {@link OpenmsgNode}, independent of any HTTP
 * framework: a host mounts it in its own server by passing method, path and body, and copying the
 * {@link HttpResult} back (with {@code Content-Type: application/json}).
 *
 * <p>Served paths, each with or without the trailing slash: {@code <base>auth/},
 * {@code <base>auth-confirm/}, {@code <base>message-receive/}, {@code <base>message-confirm/}, and
 * the same under {@code <base>sandbox/} (the reference's sandbox variant differs only by that
 * prefix). {@code <base>} is {@code /openmsg/} unless configured.
 *
 * <p>Outcomes: unknown path 404; known path with another method than POST 405 (with
 * {@code Allow: POST}); body over the cap 413; otherwise whatever the engine answers, which is
 * never an exception, even for garbage input.
 */
public final class OpenmsgHttpHandler implements RequestHandler {

    /** Where the reference serves Openmsg (and where every peer will call). */
    public static final String DEFAULT_BASE_PATH = "/openmsg/";

    /** Default cap on request bodies: far above any legitimate Openmsg request. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private static final String SANDBOX = "sandbox/";

    private final OpenmsgNode node;
    private final String basePath;
    private final int maxBodyBytes;

    /**
     * A handler for {@code /openmsg/} with the default body cap.
     *
     * @param node the node whose endpoints are served
     */
    public OpenmsgHttpHandler(OpenmsgNode node) {
        this(node, DEFAULT_BASE_PATH, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * A handler that answers with {@code node}.
     *
     * @param node         the engine answering every request
     * @param basePath     the path prefix, starting and ending with {@code /}
     * @param maxBodyBytes the largest request body read; larger ones get 413
     */
    public OpenmsgHttpHandler(OpenmsgNode node, String basePath, int maxBodyBytes) {
        this.node = Objects.requireNonNull(node, "node");
        Objects.requireNonNull(basePath, "basePath");
        if (!basePath.startsWith("/") || !basePath.endsWith("/")) {
            throw new IllegalArgumentException("basePath must start and end with '/': " + basePath);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative");
        }
        this.basePath = basePath;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The largest request body this handler reads.
     *
     * @return the cap in bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    @Override
    public HttpResult handle(String method, String path, InputStream body) {
        Optional<OpenmsgEndpoint> endpoint = route(path);
        if (endpoint.isEmpty()) {
            return HttpResult.error(404, "not found");
        }
        if (!"POST".equals(method)) {
            return HttpResult.error(405, "method not allowed").withHeader("Allow", "POST");
        }
        byte[] request;
        try {
            request = BoundedBodies.readAll(body, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            return HttpResult.error(413, "request body too large");
        } catch (IOException e) {
            return HttpResult.error(400, "request body could not be read");
        }
        OpenmsgReply reply = node.handle(endpoint.get(), request);
        return new HttpResult(reply.httpStatus(), reply.body());
    }

    /** The endpoint a request path names, if any. */
    Optional<OpenmsgEndpoint> route(String path) {
        if (path == null || !path.startsWith(basePath)) {
            return Optional.empty();
        }
        String rest = path.substring(basePath.length());
        if (rest.startsWith(SANDBOX)) {
            rest = rest.substring(SANDBOX.length());
        }
        return OpenmsgEndpoint.fromPath(rest);
    }
}
