package dev.missive.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.http.EmbeddedHttpServer;
import dev.missive.http.HttpResult;
import dev.missive.http.RequestHandler;
import dev.missive.http.RequestHeaders;
import dev.missive.http.osms.OsmsHttpHandler;
import dev.missive.osms.OsmsConfig;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.memory.InMemoryQueueStore;
import dev.missive.osms.memory.InMemorySessionStore;
import dev.missive.osms.memory.InMemoryUserStore;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.UserId;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.UserRecord;
import dev.missive.osms.spi.UserStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.testkit.conformance.osms.OsmsConformanceSuite;
import dev.missive.testkit.conformance.osms.OsmsTarget;
import java.io.InputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The OSMS suite against Missive's own {@code OsmsHttpServer} (memory stores, open registration:
 * every check passes) and against deliberately broken servers, each the real one with one bug
 * (its answers rewritten, or a store that lies): the matching check fails and names the problem.
 */
class OsmsConformanceSuiteTest {

    private static final OtrKeyPair SERVER_KEY = OtrKeyPair.generate(new SecureRandom());
    private static final OsmsConfig OPEN = OsmsConfig.DEFAULTS.withRegistrationOpen(true);

    /** Runs the suite against a server on {@code users} and {@code config} whose answers pass through {@code breakIt}. */
    private static ConformanceReport run(
            OsmsConfig config, UserStore users, UnaryOperator<HttpResult> breakIt, UnaryOperator<OsmsTarget> describe)
            throws Exception {
        OsmsServer server = OsmsServer.builder()
                .clock(Clock.system())
                .random(RandomSource.secure())
                .userStore(users)
                .sessionStore(new InMemorySessionStore())
                .queueStore(new InMemoryQueueStore())
                .otr(new Otr4jEngine())
                .serverKey(SERVER_KEY)
                .config(config)
                .build();
        OsmsHttpHandler real = new OsmsHttpHandler(server);
        RequestHandler broken = new RequestHandler() {
            @Override
            public HttpResult handle(String method, String path, InputStream body) {
                return breakIt.apply(real.handle(method, path, body));
            }

            @Override
            public HttpResult handle(String method, String path, RequestHeaders headers, InputStream body) {
                return breakIt.apply(real.handle(method, path, headers, body));
            }
        };
        try (EmbeddedHttpServer http = EmbeddedHttpServer.builder(broken)
                        .host("127.0.0.1")
                        .port(0)
                        .maxBodyBytes(real.maxBodyBytes())
                        .build()
                        .start();
                OsmsConformanceSuite suite = new OsmsConformanceSuite(
                        describe.apply(OsmsTarget.of(URI.create("http://127.0.0.1:" + http.port()))))) {
            return ConformanceRunner.run(suite, ProgressListener.NONE);
        }
    }

    private static ConformanceReport run(UnaryOperator<HttpResult> breakIt) throws Exception {
        return run(OPEN, new InMemoryUserStore(), breakIt, UnaryOperator.identity());
    }

    private static OsmsTarget withLimits(
            OsmsTarget target, Duration handshakeTtl, Duration sessionTtl, int maxSessions) {
        return new OsmsTarget(
                target.baseUrl(), Optional.of(handshakeTtl), Optional.of(sessionTtl), OptionalInt.of(maxSessions));
    }

    private static void assertFails(ConformanceReport report, String id, String... reasonParts) {
        CheckResult result = report.result(id);
        assertThat(result.status()).as(id + ": " + result.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains(reasonParts);
    }

    private static HttpResult withoutHeader(HttpResult result, String name) {
        Map<String, String> headers = new HashMap<>(result.headers());
        headers.keySet().removeIf(name::equalsIgnoreCase);
        return new HttpResult(result.status(), result.body(), headers);
    }

    private static boolean hasError(HttpResult result, String code) {
        return code.equals(result.headers().get(OsmsServer.ERROR_HEADER));
    }

    @Test
    void missivesServerPassesEveryCheckWithItsLimitsGiven() throws Exception {
        // Short TTLs and a small session limit so the hardening checks can run; the suite is told them.
        OsmsConfig config = OPEN.withHandshakeTtl(Duration.ofSeconds(6))
                .withSessionTtl(Duration.ofSeconds(12))
                .withMaxLiveSessions(30);
        ConformanceReport report = run(
                config,
                new InMemoryUserStore(),
                UnaryOperator.identity(),
                t -> withLimits(t, Duration.ofSeconds(6), Duration.ofSeconds(12), 30));
        assertThat(report.results())
                .allSatisfy(result -> assertThat(result.status())
                        .as(result.check().id() + ": " + result.reason())
                        .isEqualTo(CheckStatus.PASS));
        assertThat(report.passed()).isTrue();
        assertThat(report.results())
                .allSatisfy(result -> assertThat(result.check().reference()).contains("docs/osms.md"));
    }

    @Test
    void withoutTheLimitsTheirHardeningChecksAreSkippedAndTheRunPasses() throws Exception {
        ConformanceReport report = run(UnaryOperator.identity());
        for (String id : new String[] {
            "osms.hardening.handshake-expiry", "osms.hardening.session-expiry", "osms.hardening.session-limit"
        }) {
            assertThat(report.result(id).status()).isEqualTo(CheckStatus.SKIP);
            assertThat(report.result(id).reason()).startsWith("needs --");
        }
        assertThat(report.result("osms.relay.after-consent").status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aServerThatAcceptsALoginWithAnyKeyFailsTheWrongKeyCheck() throws Exception {
        ConformanceReport report = run(result -> hasError(result, "key-mismatch")
                ? new HttpResult(200, new byte[0], Map.of("Content-Type", "text/plain"))
                : result);
        assertFails(report, "osms.login.wrong-key", "was accepted", "stored key");
        assertThat(report.result("osms.login.three-posts").status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aServerThatAnswers200ToGarbageFailsTheMalformedBodyChecks() throws Exception {
        ConformanceReport report = run(result -> hasError(result, "malformed")
                ? new HttpResult(200, new byte[0], Map.of("Content-Type", "text/plain"))
                : result);
        assertFails(report, "osms.malformed.create-session", "expected HTTP 400 (OSMS-Error malformed)", "(accepted)");
        assertFails(report, "osms.malformed.session", "(accepted)");
        assertFails(report, "osms.malformed.terminate-session", "(accepted)");
        assertThat(report.result("osms.session.whoami").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aServerThatRelaysBeforeConsentFailsTheConsentCheck() throws Exception {
        InMemoryUserStore real = new InMemoryUserStore();
        UserStore everyoneConsents = new UserStore() {
            @Override
            public Outcome create(UserRecord user) {
                return real.create(user);
            }

            @Override
            public Optional<UserRecord> findById(UserId id) {
                return real.findById(id);
            }

            @Override
            public Optional<UserRecord> findByUsername(Username username) {
                return real.findByUsername(username);
            }

            @Override
            public Optional<UserRecord> findByFingerprint(String fingerprintHex) {
                return real.findByFingerprint(fingerprintHex);
            }

            @Override
            public Outcome rename(UserId id, Username username, Instant at) {
                return real.rename(id, username, at);
            }

            @Override
            public Outcome setKey(UserId id, OtrPublicKey key, Instant at) {
                return real.setKey(id, key, at);
            }

            @Override
            public void grantConsent(UserId from, UserId to, Instant at) {
                real.grantConsent(from, to, at);
            }

            @Override
            public boolean hasConsent(UserId from, UserId to) {
                return true; // the bug: consent is never asked for
            }
        };
        ConformanceReport report = run(OPEN, everyoneConsents, UnaryOperator.identity(), UnaryOperator.identity());
        assertFails(report, "osms.relay.consent-required", "relayed before either user authorized");
        assertThat(report.result("osms.relay.after-consent").status()).isEqualTo(CheckStatus.SKIP);
        assertThat(report.result("osms.relay.query-between-strangers").status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aServerThatAnswers405WithoutAllowFailsTheWrongMethodCheck() throws Exception {
        ConformanceReport report = run(result -> result.status() == 405 ? withoutHeader(result, "Allow") : result);
        assertFails(report, "osms.http.wrong-method", "without an Allow header");
        assertThat(report.result("osms.http.unknown-path").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aServerThatReplaysLoginsOrDataFailsTheReplayChecks() throws Exception {
        ConformanceReport report =
                run(result -> hasError(result, "ake-failed") || hasError(result, "wrong-session-state")
                        ? new HttpResult(200, new byte[0], Map.of("Content-Type", "text/plain"))
                        : result);
        assertFails(report, "osms.login.replayed-ake", "the D-H Key replayed", "(accepted)");
    }

    @Test
    void withClosedRegistrationTheLoginCheckSaysWhyAndTheRunFails() throws Exception {
        ConformanceReport report =
                run(OsmsConfig.DEFAULTS, new InMemoryUserStore(), UnaryOperator.identity(), UnaryOperator.identity());
        assertFails(report, "osms.login.three-posts", "registration-closed", "open registration");
        assertThat(report.result("osms.session.whoami").status()).isEqualTo(CheckStatus.SKIP);
        assertThat(report.result("osms.session.whoami").reason()).isEqualTo("needs osms.login.three-posts");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void limitsTheServerDoesNotEnforceFailOnlyHardeningChecks() throws Exception {
        // The real server keeps its 2-minute handshakes, 30-minute sessions and 10 000 sessions; the
        // suite is told far smaller limits, as if the target claimed them.
        ConformanceReport report = run(
                OPEN,
                new InMemoryUserStore(),
                UnaryOperator.identity(),
                t -> withLimits(t, Duration.ofSeconds(1), Duration.ofSeconds(1), 5));
        assertFails(report, "osms.hardening.handshake-expiry", "handshake TTL", "not enforced");
        assertFails(report, "osms.hardening.session-expiry", "session TTL", "not enforced");
        assertFails(report, "osms.hardening.session-limit", "refused none with 503 busy");
        assertThat(report.passed()).isTrue();
    }
}
