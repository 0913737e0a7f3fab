package dev.missive.osms;

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.memory.InMemoryPinStore;
import dev.missive.osms.memory.InMemoryQueueStore;
import dev.missive.osms.memory.InMemorySessionStore;
import dev.missive.osms.memory.InMemoryUserStore;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.OsmsHttpRequest;
import dev.missive.osms.spi.OsmsHttpResponse;
import dev.missive.osms.spi.PinStore;
import dev.missive.testing.ManualClock;
import dev.missive.testing.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** An OSMS server on memory stores with deterministic keys, and clients wired to it in process. */
public final class OsmsHarness {

    /** Keys generated once per test run from fixed seeds. */
    public static final OtrKeyPair SERVER_KEY = key(1);

    /** Alice's key. */
    public static final OtrKeyPair ALICE_KEY = key(2);

    /** Bob's key. */
    public static final OtrKeyPair BOB_KEY = key(3);

    /** A key nobody registered. */
    public static final OtrKeyPair MALLORY_KEY = key(4);

    /** The server URL clients pin under. */
    public static final String SERVER = "http://osms.test";

    public final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final InMemoryUserStore users = new InMemoryUserStore();
    public final InMemorySessionStore sessions = new InMemorySessionStore();
    public final InMemoryQueueStore queue = new InMemoryQueueStore();
    public final List<ProtocolEvent> events = new CopyOnWriteArrayList<>();
    public final OsmsServer server;

    /** A server with closed registration. */
    public OsmsHarness() {
        this(c -> c);
    }

    /**
     * A server with a changed config.
     *
     * @param config changes to {@link OsmsConfig#DEFAULTS}
     */
    public OsmsHarness(UnaryOperator<OsmsConfig> config) {
        server = OsmsServer.builder()
                .clock(clock)
                .random(new SeededRandom(7))
                .userStore(users)
                .sessionStore(sessions)
                .queueStore(queue)
                .otr(new Otr4jEngine())
                .serverKey(SERVER_KEY)
                .eventListener(recorder())
                .config(config.apply(OsmsConfig.DEFAULTS))
                .build();
    }

    /** @return a listener adding protocol events to {@link #events} */
    public EventListener recorder() {
        return new EventListener() {
            @Override
            public void onProtocolEvent(ProtocolEvent event) {
                events.add(event);
            }
        };
    }

    /**
     * Registers a user as the operator would.
     *
     * @param name the username
     * @param key  the key
     */
    public void register(String name, OtrKeyPair key) {
        try {
            server.registerUser(Username.of(name), OtrPublicKey.of(key.publicKey()));
        } catch (OsmsException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A client for a user, in process, with its own pin store, trusting the server on first use.
     *
     * @param key the user's key
     * @return the client
     */
    public OsmsClient client(OtrKeyPair key) {
        return client(key, new InMemoryPinStore());
    }

    /**
     * A client with a given pin store.
     *
     * @param key  the user's key
     * @param pins the pins
     * @return the client
     */
    public OsmsClient client(OtrKeyPair key, PinStore pins) {
        return OsmsClient.builder()
                .transport(server::handle)
                .clock(clock)
                .otr(new Otr4jEngine())
                .key(key)
                .pinStore(pins)
                .server(SERVER)
                .eventListener(recorder())
                .build();
    }

    /**
     * A POST with a text body.
     *
     * @param path    the path
     * @param session the session header or null
     * @param body    the body
     * @return the response
     */
    public OsmsHttpResponse post(String path, String session, String body) {
        return post(path, session, "text/plain", body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A POST with any content type and body.
     *
     * @param path        the path
     * @param session     the session header or null
     * @param contentType the content type or null
     * @param body        the body
     * @return the response
     */
    public OsmsHttpResponse post(String path, String session, String contentType, byte[] body) {
        var headers = new java.util.HashMap<String, String>();
        if (session != null) {
            headers.put(OsmsServer.SESSION_HEADER, session);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return server.handle(new OsmsHttpRequest("POST", path, headers, body));
    }

    /**
     * A GET.
     *
     * @param path   the path
     * @param accept the Accept header or null
     * @return the response
     */
    public OsmsHttpResponse get(String path, String accept) {
        return server.handle(
                new OsmsHttpRequest("GET", path, accept == null ? Map.of() : Map.of("Accept", accept), new byte[0]));
    }

    /**
     * The body as text.
     *
     * @param response a response
     * @return its body
     */
    public static String text(OsmsHttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /**
     * A login driven by hand, so each POST can be inspected or tampered with.
     *
     * @param key  the client's key
     * @param path {@code /create_session} or {@code /create_session/{username}}
     * @return the login, not started
     */
    public RawLogin rawLogin(OtrKeyPair key, String path) {
        return new RawLogin(key, path);
    }

    /** A client's side of the login AKE and operations, one POST at a time. */
    public final class RawLogin {
        /** The client's OTR conversation with the server. */
        public final dev.missive.crypto.otr.OtrConversation otr;
        /** The create_session path. */
        public final String path;
        /** The session header, once step 1 answered. */
        public String header;

        RawLogin(OtrKeyPair key, String path) {
            this.otr = new Otr4jEngine().open("client", "server", key);
            this.path = path;
        }

        /** @return the response to the query message (step 1) @throws Exception on failure */
        public OsmsHttpResponse step1() throws Exception {
            OsmsHttpResponse r = post(path, null, otr.start());
            header = r.header(OsmsServer.SESSION_HEADER).orElse(null);
            return r;
        }

        /** @param r a response holding one AKE message @return our one reply @throws Exception on failure */
        public String answer(OsmsHttpResponse r) throws Exception {
            var received = otr.receive(text(r));
            if (received.replies().size() != 1) {
                throw new AssertionError(
                        "expected one reply, got " + received.replies().size());
            }
            return received.replies().get(0);
        }

        /** Runs all three steps, asserting 200 each time. @throws Exception on failure */
        public void complete() throws Exception {
            var commit = step1();
            expect200(commit);
            var reveal = post(path, header, answer(commit));
            expect200(reveal);
            expect200(post(path, header, answer(reveal)));
        }

        /**
         * Sends one operation document and returns the decrypted result.
         *
         * @param json the operation
         * @return the result document
         * @throws Exception on failure or a non-200 answer
         */
        public String op(String json) throws Exception {
            var response = post("/session", header, otr.send(json).get(0));
            expect200(response);
            return otr.receive(text(response)).plaintext().orElseThrow();
        }

        private static void expect200(OsmsHttpResponse r) {
            if (r.status() != 200) {
                throw new AssertionError("expected 200, got " + r.status() + " " + r.header("OSMS-Error"));
            }
        }
    }

    private static OtrKeyPair key(int seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(new byte[] {'o', 's', 'm', 's', (byte) seed});
            return OtrKeyPair.generate(random);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
