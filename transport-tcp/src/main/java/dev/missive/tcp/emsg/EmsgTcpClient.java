package dev.missive.tcp.emsg;

import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.model.EmsgException;
import dev.missive.tcp.LineClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A user's {@link EmsgClient} on its own ESMP connection to the home server: the handshake
 * ({@code hello}, then {@code auth} or {@code register} signed with the user's key) on
 * {@link #connect}, then one line and its reply at a time. Not for concurrent use.
 *
 * <pre>{@code
 * try (EmsgTcpClient tcp = EmsgTcpClient.connect(server, client, LineClient.Options.DEFAULTS, false)) {
 *     String id = tcp.send(client.chat(EmsgAddress.parse("bob#b.example"), "Hi Bob"));
 * }
 * }</pre>
 */
public final class EmsgTcpClient implements Closeable {

    private final LineClient connection;
    private final EmsgClient client;

    private EmsgTcpClient(LineClient connection, EmsgClient client) {
        this.connection = connection;
        this.client = client;
    }

    /**
     * Connects to the user's home server and authenticates, or registers the account first.
     *
     * @param server where the home server listens
     * @param client the user's client (address and key)
     * @param options timeouts, line limit, TLS (verified against the user's domain)
     * @param register true to create the account with the client's key instead of authenticating
     * @return the authenticated client connection
     * @throws IOException if the server cannot be reached or the connection fails
     * @throws EmsgException if the server refuses the handshake (its code and message)
     */
    public static EmsgTcpClient connect(
            InetSocketAddress server, EmsgClient client, LineClient.Options options, boolean register)
            throws IOException, EmsgException {
        Objects.requireNonNull(client, "client");
        LineClient connection = LineClient.connect(server, client.address().domain(), options);
        try {
            String hello = connection.exchange(client.hello());
            String auth = register ? client.onHelloRegister(hello) : client.onHello(hello);
            client.onAuthReply(connection.exchange(auth));
            return new EmsgTcpClient(connection, client);
        } catch (IOException | EmsgException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The protocol client: builds the lines to send.
     *
     * @return the client
     */
    public EmsgClient client() {
        return client;
    }

    /**
     * Sends a line and reads the server's reply.
     *
     * @param line a line from {@link #client()}
     * @return the reply
     * @throws IOException if the connection fails or the server does not answer in time
     * @throws EmsgException if the reply is not a well-formed reply
     */
    public ClientReply call(String line) throws IOException, EmsgException {
        return EmsgClient.parseReply(connection.exchange(line));
    }

    /**
     * Sends a signed message and waits for its acknowledgement.
     *
     * @param message a message from {@link #client()}
     * @return the acknowledged message id
     * @throws IOException if the connection fails
     * @throws EmsgException the server's refusal (its code, message and failing path)
     */
    public String send(EmsgClient.Outgoing message) throws IOException, EmsgException {
        ClientReply reply = call(message.line());
        return switch (reply) {
            case ClientReply.Ack ack -> ack.id();
            case ClientReply.Error error -> throw error.error();
            default ->
                throw new IOException(
                        "unexpected reply to a message: " + reply.getClass().getSimpleName());
        };
    }

    /**
     * Sends a query or request and returns the reply, throwing the server's error.
     *
     * @param line a query line from {@link #client()}
     * @return the reply (never {@link ClientReply.Error})
     * @throws IOException if the connection fails
     * @throws EmsgException the server's refusal
     */
    public ClientReply request(String line) throws IOException, EmsgException {
        ClientReply reply = call(line);
        if (reply instanceof ClientReply.Error error) {
            throw error.error();
        }
        return reply;
    }

    /** Closes the connection. */
    @Override
    public void close() throws IOException {
        connection.close();
    }
}
