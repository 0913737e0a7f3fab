package dev.missive.http.mesh;

import dev.missive.http.BodyTooLargeException;
import dev.missive.http.BoundedBodies;
import dev.missive.http.HttpResult;
import dev.missive.http.RequestHandler;
import dev.missive.mesh.MeshEndpoint;
import dev.missive.mesh.MeshReply;
import dev.missive.mesh.MeshServer;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.wire.MeshJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Routes the mesh endpoints ({@code docs/mesh.md}, "Endpoints") to a {@link MeshServer},
 * independent of any HTTP framework: a host mounts it in its own server by passing method, path and
 * body, and copying the {@link HttpResult} back.
 *
 * <p>Body caps: the client endpoints read at most {@code config().maxBodyBytes()} (64 KiB by
 * default); server-to-server endpoints ({@code /sync/*} and {@code /fetch/by_hash}), which carry
 * pages of hashes and packets, at most {@code config().maxSyncBodyBytes()}. A larger body is
 * answered 413 with the protocol's {@code too_large} error before the engine sees it.
 *
 * <p>Outcomes: unknown path 404; a known path with another method 405 (with {@code Allow});
 * otherwise whatever the engine answers, which is never an exception, even for garbage input.
 */
public final class MeshHttpHandler implements RequestHandler {

    private final MeshServer server;

    /**
     * A handler that answers with {@code server}.
     *
     * @param server the engine answering every request
     */
    public MeshHttpHandler(MeshServer server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * The largest body any endpoint reads: the cap to give the HTTP server for its early refusal by
     * {@code Content-Length}.
     *
     * @return the server-to-server body cap
     */
    public int maxBodyBytes() {
        return server.config().maxSyncBodyBytes();
    }

    /**
     * The body cap of one endpoint.
     *
     * @param endpoint the endpoint
     * @return its cap in bytes
     */
    public int maxBodyBytes(MeshEndpoint endpoint) {
        return switch (endpoint) {
            case SYNC_HASHES, SYNC_PUSH, SYNC_SERVERS, FETCH_BY_HASH ->
                server.config().maxSyncBodyBytes();
            default -> server.config().maxBodyBytes();
        };
    }

    @Override
    public HttpResult handle(String method, String path, InputStream body) {
        Optional<MeshEndpoint> endpoint = MeshEndpoint.find(method, path);
        if (endpoint.isEmpty()) {
            String allowed = allowedMethods(path);
            if (allowed.isEmpty()) {
                return HttpResult.error(404, "not found");
            }
            return HttpResult.error(405, "method not allowed").withHeader("Allow", allowed);
        }
        byte[] request;
        try {
            request = BoundedBodies.readAll(body, maxBodyBytes(endpoint.get()));
        } catch (BodyTooLargeException e) {
            return new HttpResult(MeshError.TOO_LARGE.httpStatus(), MeshJson.encodeError(MeshError.TOO_LARGE));
        } catch (IOException e) {
            return HttpResult.error(400, "request body could not be read");
        }
        MeshReply reply = server.handle(endpoint.get(), request);
        return new HttpResult(reply.httpStatus(), reply.body());
    }

    /** The methods the endpoints at {@code path} take, comma-separated; empty for an unknown path. */
    private static String allowedMethods(String path) {
        return Arrays.stream(MeshEndpoint.values())
                .filter(e -> MeshEndpoint.find(e.method(), path).orElse(null) == e)
                .map(MeshEndpoint::method)
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
