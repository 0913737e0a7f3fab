package dev.missive.testkit.conformance.emsg;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deliberately broken EMSG target: a line proxy in front of a real {@code EmsgTcpServer} that can
 * answer a request itself (never forwarding it) or rewrite the server's reply. ESMP answers every
 * line with exactly one line in order, so the proxy forwards one line and relays one reply at a time.
 */
final class LineProxy implements Closeable {

    /** How the proxy misbehaves. */
    interface Bug {
        /**
         * An answer given instead of forwarding {@code request}, or null to forward it.
         *
         * @param request the client's line
         * @return the proxy's own answer, or null
         */
        default String answerItself(String request) {
            return null;
        }

        /**
         * The request actually forwarded.
         *
         * @param request the client's line
         * @return the line to forward
         */
        default String rewriteRequest(String request) {
            return request;
        }

        /**
         * The reply passed back to the client.
         *
         * @param request the client's line
         * @param reply   the server's reply
         * @return the reply to relay
         */
        default String rewriteReply(String request, String reply) {
            return reply;
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Bug bug;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    LineProxy(InetSocketAddress upstream, Bug bug) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstream = upstream;
        this.bug = bug;
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                Socket server = new Socket(upstream.getAddress(), upstream.getPort())) {
            sockets.add(server);
            InputStream clientIn = new BufferedInputStream(client.getInputStream());
            OutputStream clientOut = client.getOutputStream();
            InputStream serverIn = new BufferedInputStream(server.getInputStream());
            OutputStream serverOut = server.getOutputStream();
            while (true) {
                String request = readLine(clientIn);
                if (request == null) {
                    return;
                }
                String own = bug.answerItself(request);
                String reply;
                if (own != null) {
                    reply = own;
                } else {
                    serverOut.write((bug.rewriteRequest(request) + "\n").getBytes(StandardCharsets.UTF_8));
                    serverOut.flush();
                    String answer = readLine(serverIn);
                    if (answer == null) {
                        return; // the server closed: so does the proxy
                    }
                    reply = bug.rewriteReply(request, answer);
                }
                clientOut.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                clientOut.flush();
            }
        } catch (IOException e) {
            // either side went away: the connection ends
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
