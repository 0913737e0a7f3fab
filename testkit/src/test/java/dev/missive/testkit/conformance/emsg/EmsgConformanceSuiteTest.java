package dev.missive.testkit.conformance.emsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.EmsgConfig;
import dev.missive.emsg.EmsgServer;
import dev.missive.emsg.memory.InMemoryAccountStore;
import dev.missive.emsg.memory.InMemoryGroupStore;
import dev.missive.emsg.memory.InMemoryInboxStore;
import dev.missive.emsg.memory.InMemoryOutboxStore;
import dev.missive.emsg.memory.InMemoryProfileStore;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.ConnectionSettings;
import dev.missive.tcp.emsg.EmsgTcpServer;
import dev.missive.testkit.conformance.Check;
import dev.missive.testkit.conformance.CheckResult;
import dev.missive.testkit.conformance.CheckStatus;
import dev.missive.testkit.conformance.ConformanceReport;
import dev.missive.testkit.conformance.ConformanceRunner;
import dev.missive.testkit.conformance.ConformanceSuite;
import dev.missive.testkit.conformance.ProgressListener;
import dev.missive.testkit.conformance.emsg.EmsgTarget.Account;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The EMSG suite against Missive's own {@link EmsgTcpServer} on memory stores (every check passes,
 * with open and with closed registration), and against deliberately broken targets: a
 * {@link LineProxy} in front of the real server, one bug each; the matching check fails and its
 * reason names the bug.
 */
class EmsgConformanceSuiteTest {

    private static final String DOMAIN = "conformance.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> IDLE_CHECKS =
            Set.of("emsg.hardening.idle-before-hello", "emsg.hardening.idle-session");

    private EmsgServer engine;
    private EmsgTcpServer server;
    private LineProxy proxy;
    private ConformanceReport lastReport;

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(boolean registrationOpen, ConnectionSettings settings) throws IOException {
        engine = EmsgServer.builder()
                .domain(DOMAIN)
                .domainKey(EmsgSigningKey.ed25519("d1", Ed25519PrivateKey.generate(new SecureRandom())))
                .accountStore(new InMemoryAccountStore())
                .groupStore(new InMemoryGroupStore())
                .profileStore(new InMemoryProfileStore())
                .inboxStore(new InMemoryInboxStore())
                .outboxStore(new InMemoryOutboxStore())
                .replayGuardStore(new InMemoryReplayGuardStore())
                .clock(Clock.system())
                .random(RandomSource.secure())
                .config(EmsgConfig.DEFAULTS.withRegistrationOpen(registrationOpen))
                .build();
        server = EmsgTcpServer.builder(engine).port(0).settings(settings).start();
    }

    private int port() {
        return server.address().getPort();
    }

    private static ConformanceReport run(ConformanceSuite suite) {
        try (suite) {
            return ConformanceRunner.run(suite, ProgressListener.NONE);
        }
    }

    private static void assertPassedExceptIdleSkips(ConformanceReport report) {
        assertThat(report.results())
                .allSatisfy(result -> assertThat(result.status())
                        .as(result.check().id() + ": " + result.reason())
                        .isEqualTo(IDLE_CHECKS.contains(result.check().id()) ? CheckStatus.SKIP : CheckStatus.PASS));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void missiveServerWithOpenRegistrationPassesEveryCheck() throws Exception {
        start(true, ConnectionSettings.DEFAULTS);
        ConformanceReport report =
                run(new EmsgConformanceSuite(EmsgTarget.openRegistration("127.0.0.1", port(), DOMAIN)));
        assertPassedExceptIdleSkips(report);
        assertThat(report.results()).extracting(r -> r.check().id()).contains("emsg.register.open");
    }

    @Test
    void missiveServerWithClosedRegistrationPassesWithPreProvisionedAccounts() throws Exception {
        start(false, ConnectionSettings.DEFAULTS);
        List<Account> accounts = List.of(account("alice"), account("bob"));
        for (Account account : accounts) {
            engine.addAccount(account.address(), account.key().publicKey());
        }
        ConformanceReport report =
                run(new EmsgConformanceSuite(new EmsgTarget("127.0.0.1", port(), DOMAIN, accounts, null)));
        assertPassedExceptIdleSkips(report);
        assertThat(report.result("emsg.register.closed").status()).isEqualTo(CheckStatus.PASS);
    }

    private static Account account(String name) {
        return new Account(
                new EmsgAddress(name, DOMAIN),
                EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.generate(new SecureRandom())));
    }

    @Test
    void theIdleChecksPassWhenTheTargetsIdleTimeoutIsGiven() throws Exception {
        Duration idle = Duration.ofMillis(500);
        start(true, ConnectionSettings.DEFAULTS.withIdleTimeout(idle));
        EmsgConformanceSuite suite =
                new EmsgConformanceSuite(new EmsgTarget("127.0.0.1", port(), DOMAIN, List.of(), idle));
        // Only what the idle checks need: a short idle timeout would close the shared sessions of the rest.
        ConformanceReport report = run(only(
                suite,
                "emsg.session.hello",
                "emsg.register.open",
                "emsg.hardening.idle-before-hello",
                "emsg.hardening.idle-session"));
        assertThat(report.results())
                .allSatisfy(result -> assertThat(result.status())
                        .as(result.check().id() + ": " + result.reason())
                        .isEqualTo(CheckStatus.PASS));
        assertThat(report.results()).hasSize(4);
    }

    private static ConformanceSuite only(EmsgConformanceSuite suite, String... ids) {
        Set<String> wanted = Set.of(ids);
        return new ConformanceSuite() {
            @Override
            public String protocol() {
                return suite.protocol();
            }

            @Override
            public String target() {
                return suite.target();
            }

            @Override
            public List<Check> checks() {
                return suite.checks().stream()
                        .filter(c -> wanted.contains(c.id()))
                        .toList();
            }

            @Override
            public void close() {
                suite.close();
            }
        };
    }

    @Test
    void aTargetIsValidatedLikeTheAddressesItNames() {
        assertThat(new EmsgTarget("127.0.0.1", 5888, "Conformance.TEST", List.of(), null).domain())
                .isEqualTo(DOMAIN);
        assertThatThrownBy(() -> new EmsgTarget("127.0.0.1", 5888, DOMAIN, List.of(account("alice")), null))
                .hasMessageContaining("at least two");
        Account stranger = new Account(
                new EmsgAddress("eve", "elsewhere.test"), account("eve").key());
        assertThatThrownBy(() -> new EmsgTarget("127.0.0.1", 5888, DOMAIN, List.of(account("alice"), stranger), null))
                .hasMessageContaining("is not of " + DOMAIN);
        assertThatThrownBy(() -> new EmsgTarget("127.0.0.1", 5888, "not a domain", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmsgTarget("127.0.0.1", 5888, DOMAIN, List.of(), Duration.ZERO))
                .hasMessageContaining("idleTimeout");
    }

    // ---- broken targets ----

    private CheckResult brokenResult(LineProxy.Bug bug, String checkId) throws IOException {
        start(true, ConnectionSettings.DEFAULTS);
        proxy = new LineProxy(server.address(), bug);
        ConformanceReport report =
                run(new EmsgConformanceSuite(EmsgTarget.openRegistration("127.0.0.1", proxy.port(), DOMAIN)));
        assertThat(report.passed()).isFalse();
        lastReport = report;
        CheckResult result = report.result(checkId);
        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.FAIL);
        return result;
    }

    /** The server's error reply with {@code code} to a message line becomes an ack of that message. */
    private static LineProxy.Bug acks(int code) {
        return new LineProxy.Bug() {
            @Override
            public String rewriteReply(String request, String reply) {
                JsonNode answer = read(reply);
                if (answer.path("code").asInt() != code) {
                    return reply;
                }
                return JSON.createObjectNode()
                        .put("type", "ack")
                        .put("id", read(request).path("id").asText())
                        .toString();
            }
        };
    }

    @Test
    void aServerThatSkipsSignatureVerificationFailsTheTamperChecks() throws Exception {
        CheckResult result = brokenResult(acks(460), "emsg.signature.tampered-body");
        assertThat(result.reason()).contains("`body` changed after signing was accepted");
        assertThat(lastReport.result("emsg.signature.other-key").status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void aServerThatAcceptsAReplayedIdFailsTheReplayCheck() throws Exception {
        CheckResult result = brokenResult(acks(409), "emsg.dedup.replay");
        assertThat(result.reason()).contains("accepted again").contains("no de-duplication");
    }

    @Test
    void aServerWithoutGroupRulesFailsThePermissionCheck() throws Exception {
        CheckResult result = brokenResult(acks(403), "emsg.group.member-cannot-rename");
        assertThat(result.reason()).contains("plain member's group_renamed was accepted");
    }

    @Test
    void aServerThatNeverClosesOnAnOversizeLineFailsTheLineCapCheck() throws Exception {
        CheckResult result = brokenResult(
                new LineProxy.Bug() {
                    @Override
                    public String answerItself(String request) {
                        return request.length() > 65536
                                ? "{\"type\":\"error\",\"code\":413,\"message\":\"too long\"}"
                                : null;
                    }
                },
                "emsg.errors.oversize-line");
        assertThat(result.reason()).contains("stayed open after the 413");
    }

    @Test
    void aServerWhoseSchemaErrorsNameNoPathFailsTheSchemaChecks() throws Exception {
        CheckResult result = brokenResult(
                new LineProxy.Bug() {
                    @Override
                    public String rewriteReply(String request, String reply) {
                        ObjectNode answer = (ObjectNode) read(reply);
                        answer.remove("path");
                        return answer.toString();
                    }
                },
                "emsg.schema.missing-body");
        assertThat(result.reason()).contains("names no path").contains("$.body");
    }

    @Test
    void aServerThatAcceptsAnyMajorVersionFailsTheVersionCheck() throws Exception {
        CheckResult result = brokenResult(
                new LineProxy.Bug() {
                    @Override
                    public String rewriteRequest(String request) {
                        return request.replace("\"version\":\"1.0.0\"", "\"version\":\"0.2.0\"");
                    }
                },
                "emsg.session.major-refused");
        assertThat(result.reason()).contains("version 1.0.0 was accepted");
    }

    @Test
    void aServerWithoutRateLimitsFailsTheRateLimitCheckButNotTheRun() throws Exception {
        start(true, ConnectionSettings.DEFAULTS);
        proxy = new LineProxy(server.address(), acks(429));
        ConformanceReport report =
                run(new EmsgConformanceSuite(EmsgTarget.openRegistration("127.0.0.1", proxy.port(), DOMAIN)));
        CheckResult result = report.result("emsg.hardening.rate-limit");
        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains("no 429 after 3000 messages");
        // A hardening failure is reported but does not fail the run.
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aServerThatKeepsASilentConnectionOpenFailsTheIdleCheck() throws Exception {
        // The target claims a 500 ms idle timeout but keeps the documented hour.
        start(true, ConnectionSettings.DEFAULTS);
        EmsgConformanceSuite suite = new EmsgConformanceSuite(
                new EmsgTarget("127.0.0.1", port(), DOMAIN, List.of(), Duration.ofMillis(500)));
        ConformanceReport report = run(only(suite, "emsg.session.hello", "emsg.hardening.idle-before-hello"));
        CheckResult result = report.result("emsg.hardening.idle-before-hello");
        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains("still open after").contains("of silence");
    }

    @Test
    void aTargetThatIsNotThereFailsTheFirstCheckAndSkipsTheRest() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ConformanceReport report =
                run(new EmsgConformanceSuite(EmsgTarget.openRegistration("127.0.0.1", port, DOMAIN)));
        assertThat(report.passed()).isFalse();
        assertThat(report.result("emsg.session.hello").reason()).contains("could not connect");
        assertThat(report.results().subList(1, report.results().size()))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.SKIP));
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
