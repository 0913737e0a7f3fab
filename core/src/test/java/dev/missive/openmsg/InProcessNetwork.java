package dev.missive.openmsg;

import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerTransport;
import dev.missive.openmsg.spi.PeerUnreachableException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link PeerTransport} that routes {@code https://<domain>/openmsg/[sandbox/]<endpoint>/} to the
 * {@link OpenmsgNode#handle} of the node registered for that domain, in the caller's thread (calls nest
 * exactly as over HTTP). Tests can take a domain down, replace one endpoint of a domain with a scripted
 * peer, and read every exchange.
 */
public final class InProcessNetwork implements PeerTransport {

    /** One request and its answer. */
    public record Exchange(URI uri, byte[] request, PeerResponse response) {}

    private final Map<String, OpenmsgNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, Function<byte[], PeerResponse>> scripted = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    /** Makes {@code node} reachable at its domain. */
    public void register(OpenmsgNode node) {
        nodes.put(node.domain(), node);
    }

    /** Every post to {@code domain} fails with {@link PeerUnreachableException}. */
    public void takeDown(String domain) {
        down.add(domain);
    }

    /** Undoes {@link #takeDown}. */
    public void bringUp(String domain) {
        down.remove(domain);
    }

    /** Answers posts to {@code endpoint} of {@code domain} with {@code responder} instead of a node. */
    public void script(String domain, OpenmsgEndpoint endpoint, Function<byte[], PeerResponse> responder) {
        scripted.put(domain + " " + endpoint.name(), responder);
    }

    /** Every exchange so far, in the order their answers completed (nested callbacks first). */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    @Override
    public PeerResponse post(URI uri, byte[] jsonBody) throws PeerUnreachableException {
        String domain = uri.getHost();
        if (!"https".equals(uri.getScheme()) || uri.getPort() != -1 || domain == null || down.contains(domain)) {
            throw new PeerUnreachableException("connection refused");
        }
        String path = uri.getPath();
        if (!path.startsWith("/openmsg/")) {
            return record(uri, jsonBody, new PeerResponse(404, new byte[0]));
        }
        String rest = path.substring("/openmsg/".length());
        OpenmsgNode node = nodes.get(domain);
        boolean sandbox = rest.startsWith("sandbox/");
        Optional<OpenmsgEndpoint> endpoint = OpenmsgEndpoint.fromPath(sandbox ? rest.substring(8) : rest);
        if (endpoint.isEmpty()) {
            return record(uri, jsonBody, new PeerResponse(404, new byte[0]));
        }
        Function<byte[], PeerResponse> responder =
                scripted.get(domain + " " + endpoint.get().name());
        if (responder != null) {
            return record(uri, jsonBody, responder.apply(jsonBody));
        }
        if (node == null) {
            throw new PeerUnreachableException("unknown host");
        }
        if (sandbox != node.config().sandbox()) {
            return record(uri, jsonBody, new PeerResponse(404, new byte[0]));
        }
        OpenmsgReply reply = node.handle(endpoint.get(), jsonBody);
        return record(uri, jsonBody, new PeerResponse(reply.httpStatus(), reply.body()));
    }

    private PeerResponse record(URI uri, byte[] request, PeerResponse response) {
        exchanges.add(new Exchange(uri, request, response));
        return response;
    }
}
