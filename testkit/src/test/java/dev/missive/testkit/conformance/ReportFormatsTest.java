package dev.missive.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The three report formats, and the runner's verdicts, on a suite with one check of each outcome. */
class ReportFormatsTest {

    private static final ConformanceSuite SUITE = new ConformanceSuite() {
        @Override
        public String protocol() {
            return "demo";
        }

        @Override
        public String target() {
            return "host & <port>";
        }

        @Override
        public List<Check> checks() {
            return List.of(
                    Check.required("demo.pass", "passes", "docs/x.md §1", () -> {}),
                    Check.hardening(
                            "demo.fail", "fails \"quoted\"", "docs/x.md §2", () -> Verdict.fail("got <b> & \"c\"")),
                    Check.required("demo.skip", "skips", "docs/x.md §3", () -> Verdict.skip("needs --hook")),
                    Check.required("demo.throws", "throws", "docs/x.md §4", () -> {
                        throw new IllegalStateException("boom");
                    }));
        }
    };

    private static final ConformanceReport REPORT = ConformanceRunner.run(SUITE, ProgressListener.NONE);

    @Test
    void theRunnerTurnsEachEndingIntoItsStatus() {
        assertThat(REPORT.results())
                .extracting(CheckResult::status)
                .containsExactly(CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.SKIP, CheckStatus.FAIL);
        assertThat(REPORT.result("demo.throws").reason()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(REPORT.result("demo.fail").failsRun()).isFalse();
        assertThat(REPORT.result("demo.skip").failsRun()).isTrue();
        assertThat(REPORT.passed()).isFalse();
    }

    @Test
    void textNamesEveryCheckWithItsLevelReferenceAndReason() {
        StringWriter out = new StringWriter();
        ReportFormats.text(REPORT, new PrintWriter(out));
        assertThat(out.toString())
                .contains("FAIL  hardening  demo.fail: fails \"quoted\"")
                .contains("      ref: docs/x.md §2")
                .contains("      got <b> & \"c\"")
                .contains("SKIP  required   demo.skip: skips")
                .contains("4 checks: 1 passed, 2 failed, 1 skipped; 2 required check(s) did not pass");
    }

    @Test
    void junitXmlHasOneTestcasePerCheckWithFailuresAndSkips() throws Exception {
        StringWriter out = new StringWriter();
        ReportFormats.junitXml(REPORT, out);
        Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("got <b> & \"c\"");
        Element failed = (Element) failure.getParentNode();
        assertThat(failed.getAttribute("classname")).isEqualTo("conformance.demo.hardening");
        assertThat(failed.getAttribute("name")).isEqualTo("demo.fail: fails \"quoted\" [docs/x.md §2]");
        assertThat(((Element) xml.getElementsByTagName("skipped").item(0)).getAttribute("message"))
                .isEqualTo("needs --hook");
    }

    @Test
    void jsonCarriesTheVerdictAndEveryCheck() throws Exception {
        StringWriter out = new StringWriter();
        ReportFormats.json(REPORT, out);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("protocol").asText()).isEqualTo("demo");
        assertThat(json.path("target").asText()).isEqualTo("host & <port>");
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("summary").path("fail").asInt()).isEqualTo(2);
        assertThat(json.path("checks").get(1).path("level").asText()).isEqualTo("hardening");
        assertThat(json.path("checks").get(1).path("reason").asText()).isEqualTo("got <b> & \"c\"");
        assertThat(json.path("checks").get(2).path("status").asText()).isEqualTo("SKIP");
    }
}
