package dev.missive.http.osms;

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.OsmsServerKeys;
import dev.missive.osms.spi.QueueStore;
import dev.missive.osms.spi.ServerKeyStore;
import dev.missive.osms.spi.SessionStore;
import dev.missive.osms.spi.UserStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An OSMS server on loopback HTTP for tests, on the stores given, with the raw HTTP calls a test
 * needs to drive the protocol one POST at a time.
 */
final class OsmsLoopback implements AutoCloseable {

    /** Keys are slow to make (DSA-1024 domain parameters are fixed, only x is drawn): share a few. */
    static final OtrKeyPair ALICE_KEY = OtrKeyPair.generate(new SecureRandom());

    static final OtrKeyPair BOB_KEY = OtrKeyPair.generate(new SecureRandom());

    static final OtrKeyPair MALLORY_KEY = OtrKeyPair.generate(new SecureRandom());

    static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    /** The stores of one server; the same stores may back a server started again. */
    record Stores(UserStore users, SessionStore sessions, QueueStore queue, ServerKeyStore serverKey) {}

    final OsmsServer server;
    final OsmsHttpServer http;
    final List<ProtocolEvent> events = new CopyOnWriteArrayList<>();
    final OkHttpClient client = new OkHttpClient();

    OsmsLoopback(Stores stores, OsmsConfig config) throws IOException {
        this(stores, config, 0);
    }

    /** A server on {@code port} (0 for any free one). */
    OsmsLoopback(Stores stores, OsmsConfig config, int port) throws IOException {
        EventListener listener = new EventListener() {
            @Override
            public void onProtocolEvent(ProtocolEvent event) {
                events.add(event);
            }
        };
        this.server = OsmsServer.builder()
                .clock(Clock.system())
                .random(RandomSource.secure())
                .userStore(stores.users())
                .sessionStore(stores.sessions())
                .queueStore(stores.queue())
                .otr(otr())
                .serverKey(OsmsServerKeys.loadOrCreate(
                        stores.serverKey(), () -> OtrKeyPair.generate(new SecureRandom()), Clock.system()))
                .eventListener(listener)
                .config(config)
                .build();
        this.http = OsmsHttpServer.builder(server).port(port).start();
    }

    static OtrEngine otr() {
        return new Otr4jEngine();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + http.port());
    }

    /** POSTs {@code body} with the content type and session header given (either may be null). */
    Response post(String path, String session, MediaType type, byte[] body) throws IOException {
        Request.Builder request = new Request.Builder().url(baseUrl() + path).post(RequestBody.create(body, type));
        if (session != null) {
            request.header(OsmsServer.SESSION_HEADER, session);
        }
        return client.newCall(request.build()).execute();
    }

    /** POSTs one OTR message as {@code text/plain}. */
    Response post(String path, String session, String otrMessage) throws IOException {
        return post(path, session, TEXT, otrMessage.getBytes(StandardCharsets.US_ASCII));
    }

    Response get(String path, String accept) throws IOException {
        Request.Builder request = new Request.Builder().url(baseUrl() + path);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.newCall(request.build()).execute();
    }

    @Override
    public void close() {
        http.close();
    }
}
