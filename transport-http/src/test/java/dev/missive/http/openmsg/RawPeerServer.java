package dev.missive.http.openmsg;

import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.OpenmsgReply;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Another node's HTTP server as the small servers in the wild behave, written on raw sockets so the
 * connection handling is exactly what the test asks for: it parses each request, hands it to a real
 * {@link OpenmsgNode} (so the peer runs the real protocol in both roles) and answers with the
 * {@link Behaviour}'s protocol version and connection rules. Plain TCP or TLS.
 */
final class RawPeerServer implements AutoCloseable {

    /** How long an idle keep-alive connection is kept open before the server closes it. */
    static final int IDLE_TIMEOUT_MILLIS = 1000;

    /** How the peer's HTTP server treats its connections. */
    enum Behaviour {
        /** {@code HTTP/1.0} answers without a {@code Connection} header; closes after every answer (Python's http.server). */
        HTTP_1_0_CLOSE("HTTP/1.0", null, false),
        /** {@code HTTP/1.0} answers with {@code Connection: keep-alive}; closes connections idle for 1 s. */
        HTTP_1_0_KEEP_ALIVE("HTTP/1.0", "keep-alive", true),
        /** {@code HTTP/1.1} answers with {@code Connection: close}, and closes. */
        HTTP_1_1_CONNECTION_CLOSE("HTTP/1.1", "close", false),
        /** {@code HTTP/1.1} keep-alive; closes connections idle for 1 s (nginx, Apache, load balancers, shorter). */
        HTTP_1_1_IDLE_CLOSE("HTTP/1.1", null, true),
        /** Reads the request, lets the node act on it, then resets the connection instead of answering. */
        RESET_AFTER_REQUEST("HTTP/1.1", null, false);

        private final String version;
        private final String connectionHeader;
        private final boolean keepAlive;

        Behaviour(String version, String connectionHeader, boolean keepAlive) {
            this.version = version;
            this.connectionHeader = connectionHeader;
            this.keepAlive = keepAlive;
        }
    }

    private final OpenmsgNode node;
    private final Behaviour behaviour;
    private final ServerSocket serverSocket;
    private final boolean tls;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger acceptedConnections = new AtomicInteger();
    private final Map<OpenmsgEndpoint, AtomicInteger> requests = new EnumMap<>(OpenmsgEndpoint.class);

    private RawPeerServer(OpenmsgNode node, Behaviour behaviour, ServerSocket serverSocket, boolean tls) {
        this.node = node;
        this.behaviour = behaviour;
        this.serverSocket = serverSocket;
        this.tls = tls;
        for (OpenmsgEndpoint endpoint : OpenmsgEndpoint.values()) {
            requests.put(endpoint, new AtomicInteger());
        }
        threads.execute(this::acceptLoop);
    }

    /** Serves {@code node} on a free loopback port, over TLS with {@code tls} if it is not null. */
    static RawPeerServer start(OpenmsgNode node, Behaviour behaviour, SSLContext tls) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket socket =
                tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        socket.bind(new InetSocketAddress(loopback, 0));
        return new RawPeerServer(node, behaviour, socket, tls != null);
    }

    /** The node's {@code /openmsg/} base URI. */
    URI baseUri() {
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + serverSocket.getLocalPort() + "/openmsg/");
    }

    /** Connections the server has open right now (it closes idle ones after {@link #IDLE_TIMEOUT_MILLIS}). */
    int openConnections() {
        return openConnections.get();
    }

    /** Connections accepted so far. */
    int acceptedConnections() {
        return acceptedConnections.get();
    }

    /** Requests the node received on {@code endpoint} so far. */
    int requests(OpenmsgEndpoint endpoint) {
        return requests.get(endpoint).get();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                acceptedConnections.incrementAndGet();
                openConnections.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(behaviour.keepAlive ? IDLE_TIMEOUT_MILLIS : 10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Optional<ParsedRequest> request = read(in);
                if (request.isEmpty()) {
                    return; // the client closed the connection
                }
                OpenmsgReply reply = dispatch(request.get());
                if (behaviour == Behaviour.RESET_AFTER_REQUEST) {
                    socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
                    return;
                }
                write(out, reply);
                if (!behaviour.keepAlive) {
                    return;
                }
            }
        } catch (SocketTimeoutException idle) {
            // Idle for IDLE_TIMEOUT_MILLIS: close, as real servers do.
        } catch (IOException broken) {
            // The client went away.
        } finally {
            openConnections.decrementAndGet();
        }
    }

    private OpenmsgReply dispatch(ParsedRequest request) {
        Optional<OpenmsgEndpoint> endpoint = request.path().startsWith("/openmsg/")
                ? OpenmsgEndpoint.fromPath(request.path().substring("/openmsg/".length()))
                : Optional.empty();
        if (!request.method().equals("POST") || endpoint.isEmpty()) {
            return new OpenmsgReply(404, "{\"error\":true}".getBytes(StandardCharsets.UTF_8));
        }
        requests.get(endpoint.get()).incrementAndGet();
        return node.handle(endpoint.get(), request.body());
    }

    private void write(OutputStream out, OpenmsgReply reply) throws IOException {
        byte[] body = reply.body();
        StringBuilder head = new StringBuilder()
                .append(behaviour.version)
                .append(' ')
                .append(reply.httpStatus())
                .append(reply.httpStatus() == 200 ? " OK" : " Error")
                .append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ")
                .append(body.length)
                .append("\r\n");
        if (behaviour.connectionHeader != null) {
            head.append("Connection: ").append(behaviour.connectionHeader).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private record ParsedRequest(String method, String path, byte[] body) {}

    /** One request, or empty if the connection ended before one began. */
    private static Optional<ParsedRequest> read(InputStream in) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return Optional.empty();
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3) {
            throw new IOException("bad request line");
        }
        int length = 0;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0
                    && header.substring(0, colon)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals("content-length")) {
                length = Integer.parseInt(header.substring(colon + 1).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("truncated body");
        }
        return Optional.of(new ParsedRequest(parts[0], parts[1], body));
    }

    /** A CRLF-terminated line without its terminator; null at end of stream before any byte. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(b);
        }
        if (bytes.size() == 0) {
            return null;
        }
        throw new IOException("connection ended inside a line");
    }
}
