package dev.missive.tcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The client end of a line protocol (one UTF-8 line per message, LF-terminated): a blocking socket,
 * optionally TLS, whose reads time out and whose received lines are capped. It is meant for one
 * thread at a time, asking and waiting for the answer ({@link #exchange}); a caller that shares it
 * serialises its use.
 */
public final class LineClient implements Closeable {

    /**
     * How to connect and read.
     *
     * @param connectTimeout longest wait for the TCP (and TLS) connection
     * @param readTimeout longest wait for each received line
     * @param maxLineBytes longest line accepted from the server, terminator excluded
     * @param tls null for plain TCP; otherwise the factory of TLS sockets (the server's name is
     *     verified against the {@code serverName} given to {@link #connect})
     */
    public record Options(Duration connectTimeout, Duration readTimeout, int maxLineBytes, SSLSocketFactory tls) {

        /** 10 s connect, 30 s read, 1 MiB lines, plain TCP. */
        public static final Options DEFAULTS =
                new Options(Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20, null);

        /** Validates the options. */
        public Options {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            if (maxLineBytes < 1) {
                throw new IllegalArgumentException("maxLineBytes must be positive");
            }
        }

        /**
         * A copy that connects with TLS.
         *
         * @param factory the TLS socket factory
         * @return the copy
         */
        public Options withTls(SSLSocketFactory factory) {
            return new Options(connectTimeout, readTimeout, maxLineBytes, factory);
        }

        /**
         * A copy with another read timeout.
         *
         * @param timeout the read timeout
         * @return the copy
         */
        public Options withReadTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout, maxLineBytes, tls);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;

    private LineClient(Socket socket, int maxLineBytes) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Connects to {@code address}.
     *
     * @param address where the server listens
     * @param serverName the name TLS verifies the server's certificate against (ignored without TLS)
     * @param options timeouts, line limit, TLS
     * @return the connected client
     * @throws IOException if the connection or the TLS handshake fails
     */
    public static LineClient connect(InetSocketAddress address, String serverName, Options options) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) options.connectTimeout().toMillis());
            socket.setSoTimeout((int) options.readTimeout().toMillis());
            if (options.tls() != null) {
                String host = serverName != null ? serverName : address.getHostString();
                SSLSocket tls = (SSLSocket) options.tls().createSocket(socket, host, address.getPort(), true);
                SSLParameters parameters = tls.getSSLParameters();
                // Check the certificate names the server we meant, not just any trusted one.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return new LineClient(tls, options.maxLineBytes());
            }
            return new LineClient(socket, options.maxLineBytes());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Writes one line (a LF is appended).
     *
     * @param line the line, without a line break
     * @throws IOException if the connection fails
     */
    public void send(String line) throws IOException {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a line must not contain a line break");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads the next line (a trailing CR is dropped).
     *
     * @return the line without its terminator
     * @throws EOFException if the server closed the connection first
     * @throws java.net.SocketTimeoutException if no line came within the read timeout
     * @throws IOException if the line is longer than the limit or the connection fails
     */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() > maxLineBytes) {
                throw new IOException("the server sent a line longer than " + maxLineBytes + " bytes");
            }
            line.write(b);
        }
    }

    /**
     * Sends {@code line} and reads the answer.
     *
     * @param line the request line
     * @return the answer line
     * @throws IOException if the connection fails or no answer comes in time
     */
    public String exchange(String line) throws IOException {
        send(line);
        return readLine();
    }

    /**
     * Whether the socket is closed on this side.
     *
     * @return true once {@link #close()} ran on this side (a peer closing does not set it)
     */
    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Closes the connection. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
