package dev.missive.tcp.smp;

import static org.awaitility.Awaitility.await;

import dev.missive.tcp.ConnectionSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test client that speaks raw seed-dialect bytes through {@link SmpTcpConnection} (so both
 * transport modes) and parses what the server sends with {@link Wire.Parser}.
 */
final class RawClient implements AutoCloseable {

    final SmpTcpConnection tcp;
    private final Wire.Parser parser = new Wire.Parser();
    private final List<Wire.Reply> received = new CopyOnWriteArrayList<>();
    private int cursor;

    private RawClient(SmpTcpConnection tcp) {
        this.tcp = tcp;
        tcp.start((bytes, off, len) -> {
            parser.feed(bytes, off, len);
            received.addAll(parser.drain());
        });
    }

    static RawClient connect(SmpTcpServer server) throws IOException {
        return connect(server, ConnectionSettings.DEFAULTS);
    }

    static RawClient connect(SmpTcpServer server, ConnectionSettings settings) throws IOException {
        byte[] hash = server.mode() == SmpTransportMode.ENCRYPTED ? server.keyHash() : null;
        SmpTcpConnection.Options options = SmpTcpConnection.Options.of(
                        "127.0.0.1", server.address().getPort(), server.mode(), hash)
                .withSettings(settings);
        return new RawClient(SmpTcpConnection.connect(options));
    }

    void send(byte[]... transmissions) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] t : transmissions) {
            all.writeBytes(t);
        }
        tcp.sink().send(all.toByteArray());
    }

    /** The next reply, waiting up to 20 s. */
    Wire.Reply next() {
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() > cursor);
        return received.get(cursor++);
    }

    /** The next {@code n} replies. */
    List<Wire.Reply> next(int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= cursor + n);
        List<Wire.Reply> out = List.copyOf(received.subList(cursor, cursor + n));
        cursor += n;
        return out;
    }

    /** Replies received and not yet taken. */
    int unread() {
        return received.size() - cursor;
    }

    @Override
    public void close() {
        tcp.close();
    }
}
