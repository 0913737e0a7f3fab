package dev.missive.cli.osms;

import dev.missive.cli.DemoContext;
import dev.missive.cli.DemoScenario;
import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.event.EventListener;
import dev.missive.http.osms.OkHttpOsmsTransport;
import dev.missive.http.osms.OsmsHttpServer;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.osms.JdbcPinStore;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.client.PollResult;
import dev.missive.osms.client.ReceivedText;
import dev.missive.osms.model.Username;
import dev.missive.spi.Clock;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * OSMS in {@code missive demo}: a directory server with open registration on an SQLite store; Alice
 * and Bob log in (an OTR AKE each, which registers them), authorize each other, exchange a text in
 * an OTR conversation the server relays without seeing it, and log out.
 */
public final class OsmsDemo implements DemoScenario {

    /** Poll rounds allowed for the user-to-user OTR handshake and delivery. */
    private static final int MAX_ROUNDS = 20;

    /** Creates the scenario. */
    public OsmsDemo() {}

    @Override
    public String name() {
        return "osms";
    }

    @Override
    public String title() {
        return "OSMS: user directory over HTTP, OTR-authenticated logins, OTR between users, SQLite store";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        OsmsServerStores stores = demo.closeAtEnd(
                OsmsServerStores.open(StoreUrl.parse("sqlite:" + demo.data().resolve("osms.db"))));
        OsmsServer engine = stores.server(null, OsmsConfig.DEFAULTS.withRegistrationOpen(true), EventListener.NONE);
        OsmsHttpServer server =
                demo.closeAtEnd(OsmsHttpServer.builder(engine).port(0).start());
        URI url = URI.create("http://127.0.0.1:" + server.port());
        String fingerprint = engine.publicKey().fingerprintHex();
        demo.step("start server", () -> "listening on 127.0.0.1:" + server.port() + ", fingerprint " + fingerprint);

        Database pins = demo.closeAtEnd(Database.open("sqlite:" + demo.data().resolve("osms-clients.db")));
        OsmsClient alice = client(url, fingerprint, pins);
        OsmsClient bob = client(url, fingerprint, pins);
        Username aliceName = Username.of("alice");
        Username bobName = Username.of("bob");
        demo.step("Alice logs in", () -> {
            alice.login(aliceName);
            return "OTR AKE in three POSTs, server key matches " + fingerprint.substring(0, 8) + "...";
        });
        demo.step("Bob logs in", () -> {
            bob.login(bobName);
            return "registered on first login (open registration)";
        });
        demo.step("both authorize each other", () -> {
            alice.authorize(bobName);
            return bob.authorize(aliceName) ? "consent is mutual" : "consent is not mutual";
        });
        List<ReceivedText> received = new ArrayList<>();
        demo.step("Alice sends Bob a text", () -> {
            alice.send(bobName, "Hello Bob, this is OTR.");
            for (int round = 0; round < MAX_ROUNDS && received.isEmpty(); round++) {
                alice.poll();
                PollResult polled = bob.poll();
                received.addAll(polled.texts());
                if (!polled.failures().isEmpty()) {
                    throw new IllegalStateException("relay failed: " + polled.failures());
                }
            }
            if (received.isEmpty()) {
                throw new IllegalStateException("no text after " + MAX_ROUNDS + " poll rounds");
            }
            bob.acknowledge();
            return "OTR conversation between the users, relayed by the server";
        });
        demo.step(
                "Bob reads it",
                () -> received.get(0).from() + ": " + received.get(0).text());
        demo.step("both log out", () -> {
            alice.logout();
            bob.logout();
            return "TLV 1 to /terminate_session";
        });
    }

    private static OsmsClient client(URI url, String fingerprint, Database pins) {
        return OsmsClient.builder()
                .transport(OkHttpOsmsTransport.builder(url).build())
                .clock(Clock.system())
                .otr(new Otr4jEngine())
                .key(OtrKeyPair.generate(new SecureRandom()))
                .pinStore(new JdbcPinStore(pins))
                .server(url.toString())
                .serverFingerprint(fingerprint)
                .build();
    }
}
