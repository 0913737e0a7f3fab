package dev.missive.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Secret;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.OpenmsgEndpoint;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.testkit.OpenmsgTestPeer;
import dev.missive.testkit.PeerBehavior;
import dev.missive.testkit.conformance.openmsg.OpenmsgConformanceSuite;
import dev.missive.testkit.conformance.openmsg.OpenmsgTarget;
import dev.missive.testkit.conformance.openmsg.OperatorHooks;
import dev.missive.testkit.conformance.openmsg.OperatorHooks.Operation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Openmsg suite against a Missive node (an {@link OpenmsgTestPeer} as the target, driven by
 * in-process hooks: every check passes) and against deliberately broken nodes, one bug per check
 * family: the matching check fails and names the problem.
 */
class OpenmsgConformanceSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_DOMAIN = "target.test";
    private static final String SUITE_DOMAIN = "suite.test";
    private static final String USER = "2000000";

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs the suite against a Missive node configured by {@code config}, broken by {@code breakIt}. */
    private static ConformanceReport run(OpenmsgConfig config, Consumer<OpenmsgTestPeer> breakIt) throws Exception {
        int suitePort = freePort();
        try (OpenmsgTestPeer target = OpenmsgTestPeer.builder()
                .domain(TARGET_DOMAIN)
                .user(USER, "Target")
                .peer(SUITE_DOMAIN, URI.create("http://127.0.0.1:" + suitePort + "/openmsg/"))
                .config(config)
                .start()) {
            breakIt.accept(target);
            OpenmsgTarget under = new OpenmsgTarget(
                    target.baseUri(),
                    target.address(USER),
                    SUITE_DOMAIN,
                    "127.0.0.1",
                    suitePort,
                    hooks(target),
                    config.sandbox());
            try (OpenmsgConformanceSuite suite = OpenmsgConformanceSuite.start(under)) {
                return ConformanceRunner.run(suite, ProgressListener.NONE);
            }
        }
    }

    /** The target's operator side, in process. */
    private static OperatorHooks hooks(OpenmsgTestPeer target) {
        OpenmsgAddress user = target.address(USER);
        return OperatorHooks.of(Map.of(
                Operation.PASS_CODE,
                        values -> target.node().issuePassCode(USER).code().revealText(),
                Operation.CONNECT,
                        values -> {
                            ConnectResult result = target.node()
                                    .connect(
                                            user,
                                            OpenmsgAddress.parse(values.get("peer")),
                                            Secret.ofText(values.get("pass_code")));
                            if (!result.isConnected()) {
                                throw new IllegalStateException("connect failed: " + result);
                            }
                            return "";
                        },
                Operation.SEND,
                        values -> {
                            SendResult result = target.node()
                                    .send(user, OpenmsgAddress.parse(values.get("peer")), values.get("text"));
                            if (!result.isSent()) {
                                throw new IllegalStateException("send failed: " + result);
                            }
                            return "";
                        },
                Operation.INBOX,
                        values -> target.node().inbox(USER).stream()
                                .map(InboxMessage::text)
                                .collect(Collectors.joining("\n"))));
    }

    private static void assertAllPassed(ConformanceReport report) {
        assertThat(report.results())
                .allSatisfy(result -> assertThat(result.status())
                        .as(result.check().id() + ": " + result.reason())
                        .isEqualTo(CheckStatus.PASS));
        assertThat(report.passed()).isTrue();
    }

    @ParameterizedTest(name = "sandbox {0}")
    @ValueSource(booleans = {false, true})
    void aMissiveNodePassesEveryCheck(boolean sandbox) throws Exception {
        assertAllPassed(run(OpenmsgConfig.DEFAULTS.withSandbox(sandbox), target -> {}));
    }

    @Test
    void withoutHooksTheHookChecksAreSkippedAndTheRunFails() throws Exception {
        int suitePort = freePort();
        try (OpenmsgTestPeer target = OpenmsgTestPeer.builder()
                .domain(TARGET_DOMAIN)
                .user(USER, "Target")
                .peer(SUITE_DOMAIN, URI.create("http://127.0.0.1:" + suitePort + "/openmsg/"))
                .start()) {
            OpenmsgTarget under = new OpenmsgTarget(
                    target.baseUri(),
                    target.address(USER),
                    SUITE_DOMAIN,
                    "127.0.0.1",
                    suitePort,
                    OperatorHooks.none(),
                    false);
            ConformanceReport report;
            try (OpenmsgConformanceSuite suite = OpenmsgConformanceSuite.start(under)) {
                report = ConformanceRunner.run(suite, ProgressListener.NONE);
            }
            assertThat(report.result("openmsg.handshake.accept").status()).isEqualTo(CheckStatus.SKIP);
            assertThat(report.result("openmsg.handshake.accept").reason()).isEqualTo("needs --passcode-cmd");
            assertThat(report.result("openmsg.message.unknown-ident").status()).isEqualTo(CheckStatus.PASS);
            assertThat(report.passed()).isFalse();
        }
    }

    @Test
    void aNodeWithoutReplayGuardFailsTheReplayCheck() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ConformanceReport report = run(
                OpenmsgConfig.DEFAULTS,
                target -> target.setDispatcher((endpoint, body) -> {
                    // Accepts a body it has seen before again, as the PHP reference does (§11.10).
                    if (endpoint.equals(Optional.of(OpenmsgEndpoint.MESSAGE_RECEIVE))
                            && !seen.add(new String(body, StandardCharsets.UTF_8))) {
                        return PeerBehavior.respond(200, "{\"success\":true,\"response_code\":\"SM_S888\"}");
                    }
                    return PeerBehavior.serve();
                }));
        CheckResult result = report.result("openmsg.message.replay");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains("accepted again").contains("no replay guard");
        assertThat(report.result("openmsg.message.deliver").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aNodeThatAnswersSuccessToABadHashFailsTheTamperedHashCheck() throws Exception {
        ConformanceReport report = run(
                OpenmsgConfig.DEFAULTS,
                target -> target.setDispatcher(
                        (endpoint, body) -> endpoint.equals(Optional.of(OpenmsgEndpoint.MESSAGE_RECEIVE))
                                ? PeerBehavior.rewrite(answer -> answer.contains("SM_E004")
                                        ? "{\"success\":true,\"response_code\":\"SM_S888\"}"
                                        : answer)
                                : PeerBehavior.serve()));
        CheckResult result = report.result("openmsg.message.tampered-hash");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains("hash does not match was accepted");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aNodeWithAOneDayWindowFailsTheStaleAndFutureChecks() throws Exception {
        OpenmsgConfig loose = new OpenmsgConfig(
                false,
                Duration.ofHours(1),
                Duration.ofSeconds(60),
                Duration.ofDays(1),
                Duration.ofDays(1),
                Duration.ofDays(3),
                5,
                64 * 1024,
                2000);
        ConformanceReport report = run(loose, target -> {});
        assertThat(report.result("openmsg.message.stale").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.result("openmsg.message.stale").reason()).contains("10 minutes ago was accepted");
        assertThat(report.result("openmsg.message.future").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.result("openmsg.message.future").reason()).contains("no upper bound");
        assertThat(report.result("openmsg.message.tampered-hash").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aNodeThatEchoesThePassCodeFailsTheNoEchoCheck() throws Exception {
        ConformanceReport report = run(
                OpenmsgConfig.DEFAULTS,
                target -> target.setDispatcher((endpoint, body) -> {
                    if (!endpoint.equals(Optional.of(OpenmsgEndpoint.AUTH))) {
                        return PeerBehavior.serve();
                    }
                    // The reference's error texts echo their inputs (§11.15).
                    String code = readField(body, "pass_code");
                    return PeerBehavior.rewrite(
                            answer -> answer.replace("pass code not valid", "pass code not valid: " + code));
                }));
        CheckResult result = report.result("openmsg.hardening.no-echo");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains("auth/").contains("echoes the pass code");
    }

    @Test
    void aNodeThatConfirmsAnyHashFailsTheConfirmChecks() throws Exception {
        ConformanceReport report = run(
                OpenmsgConfig.DEFAULTS,
                target -> target.setDispatcher(
                        (endpoint, body) -> endpoint.equals(Optional.of(OpenmsgEndpoint.MESSAGE_CONFIRM))
                                ? PeerBehavior.respond(200, "{\"success\":true}")
                                : PeerBehavior.serve()));
        assertThat(report.result("openmsg.confirm.unknown").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.result("openmsg.confirm.single-use").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.result("openmsg.confirm.single-use").reason()).contains("a second time");
    }

    @Test
    void aNodeThatComparesHashesLooselyFailsTheHashTypeCheck() throws Exception {
        ConformanceReport report = run(
                OpenmsgConfig.DEFAULTS,
                target -> target.setDispatcher((endpoint, body) -> {
                    JsonNode hash = readTree(body).path("message_hash");
                    // PHP's loose != lets JSON true equal any hash (§11.9).
                    return endpoint.equals(Optional.of(OpenmsgEndpoint.MESSAGE_RECEIVE)) && hash.isBoolean()
                            ? PeerBehavior.respond(200, "{\"success\":true,\"response_code\":\"SM_S888\"}")
                            : PeerBehavior.serve();
                }));
        CheckResult result = report.result("openmsg.message.hash-type");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains("loose comparison");
    }

    @Test
    void aNodeThatTakesNumericStringsFailsTheTimestampTypeCheck() throws Exception {
        ConformanceReport report = run(
                OpenmsgConfig.DEFAULTS,
                target -> target.setDispatcher((endpoint, body) ->
                        // PHP accepts a numeric string as message_timestamp (research §4.3).
                        endpoint.equals(Optional.of(OpenmsgEndpoint.MESSAGE_RECEIVE))
                                        && readTree(body)
                                                .path("message_timestamp")
                                                .isTextual()
                                ? PeerBehavior.respond(200, "{\"success\":true,\"response_code\":\"SM_S888\"}")
                                : PeerBehavior.serve()));
        CheckResult result = report.result("openmsg.message.timestamp-type");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains("JSON string was accepted");
        assertThat(report.result("openmsg.message.hash-type").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aNodeThatCrashesOnGarbageFailsTheGarbageCheck() throws Exception {
        ConformanceReport report = run(
                OpenmsgConfig.DEFAULTS,
                target ->
                        target.setDispatcher((endpoint, body) -> readTree(body).isMissingNode()
                                ? PeerBehavior.respond(500, "<b>Fatal error</b>")
                                : PeerBehavior.serve()));
        CheckResult result = report.result("openmsg.hardening.garbage-body");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.reason()).contains("HTTP 500");
    }

    private static JsonNode readTree(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String readField(byte[] body, String field) {
        JsonNode node = readTree(body);
        return node instanceof ObjectNode object ? object.path(field).asText() : "";
    }
}
