package dev.missive.http.osms;

import dev.missive.http.BodyTooLargeException;
import dev.missive.http.BoundedBodies;
import dev.missive.http.HttpResult;
import dev.missive.http.RequestHandler;
import dev.missive.http.RequestHeaders;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.spi.OsmsHttpRequest;
import dev.missive.osms.spi.OsmsHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Routes the OSMS endpoints to an {@link OsmsServer}, independent of any HTTP framework: {@code GET
 * /user/{username}}, {@code GET /pk}, {@code POST /create_session[/{username}]}, {@code POST
 * /session} and {@code POST /terminate_session} (the engine routes by path; docs/osms.md).
 *
 * <p>This adapter reads the body under the engine's cap ({@link dev.missive.osms.OsmsConfig#maxBodySize},
 * 413 beyond it), passes method, path, the headers the profile uses ({@code Accept},
 * {@code Content-Type}, {@code OSMS-Session}) and the body to the engine, and copies the engine's
 * status, headers and body back. Content negotiation and every refusal (400 for a body that is not
 * an OTR message, a wrong content type, an unknown session) are the engine's; none of them throws.
 */
public final class OsmsHttpHandler implements RequestHandler {

    /** The request headers the OSMS profile reads; no other header reaches the engine. */
    private static final List<String> PASSED_HEADERS = List.of("Accept", "Content-Type", OsmsServer.SESSION_HEADER);

    private final OsmsServer server;
    private final int maxBodyBytes;

    /**
     * A handler answering with {@code server}, reading bodies up to its configured cap.
     *
     * @param server the engine
     */
    public OsmsHttpHandler(OsmsServer server) {
        this.server = Objects.requireNonNull(server, "server");
        this.maxBodyBytes = server.config().maxBodySize();
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
        return handle(method, path, RequestHeaders.NONE, body);
    }

    @Override
    public HttpResult handle(String method, String path, RequestHeaders headers, InputStream body) {
        byte[] request;
        try {
            request = BoundedBodies.readAll(body, maxBodyBytes);
        } catch (BodyTooLargeException e) {
            return text(413, "request body too large\n");
        } catch (IOException e) {
            return text(400, "request body could not be read\n");
        }
        Map<String, String> passed = new LinkedHashMap<>();
        for (String name : PASSED_HEADERS) {
            headers.first(name).ifPresent(value -> passed.put(name, value));
        }
        OsmsHttpResponse response = server.handle(new OsmsHttpRequest(method, path, passed, request));
        HttpResult result = new HttpResult(response.status(), response.body());
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            result = result.withHeader(header.getKey(), header.getValue());
        }
        return result;
    }

    private static HttpResult text(int status, String message) {
        return new HttpResult(status, message.getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Type", "text/plain; charset=utf-8");
    }
}
