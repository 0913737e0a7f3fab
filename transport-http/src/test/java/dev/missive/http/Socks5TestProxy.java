package dev.missive.http;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SOCKS5 server on loopback for tests (RFC 1928, no authentication, CONNECT only). It
 * records the address type and host of every CONNECT and then relays the connection to a fixed
 * loopback port, whatever host was asked for: the test's stand-in for Tor.
 */
final class Socks5TestProxy implements AutoCloseable {

    /** One CONNECT request: its SOCKS5 address type (1 IPv4, 3 domain name, 4 IPv6) and host. */
    record Connect(int addressType, String host, int port) {}

    private final ServerSocket server;
    private final int targetPort;
    private final List<Connect> connects = new CopyOnWriteArrayList<>();

    Socks5TestProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    List<Connect> connects() {
        return List.copyOf(connects);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            in.readNBytes(in.readUnsignedByte()); // offered methods: we take "no authentication"
            out.write(new byte[] {5, 0});
            int version = in.readUnsignedByte();
            int command = in.readUnsignedByte();
            in.readUnsignedByte(); // reserved
            int type = in.readUnsignedByte();
            String host = switch (type) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                default -> throw new IOException("bad address type " + type);
            };
            int port = in.readUnsignedShort();
            connects.add(new Connect(type, host, port));
            if (version != 5 || command != 1) {
                out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
                out.flush();
                Thread upstream = Thread.ofVirtual().start(() -> pipe(in, target));
                pipe(target.getInputStream(), client);
                upstream.join();
            }
        } catch (IOException | InterruptedException e) {
            // The test sees the outcome on the client side.
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed; the other copy ends too.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
