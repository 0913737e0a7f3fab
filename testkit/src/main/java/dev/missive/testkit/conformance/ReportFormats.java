package dev.missive.testkit.conformance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes a {@link ConformanceReport} for people (text), CI systems (JUnit XML) and tools (JSON). */
public final class ReportFormats {

    private ReportFormats() {}

    /**
     * The readable report: one line per check ({@code PASS}/{@code FAIL}/{@code SKIP}, level, id,
     * title), the reference and reason indented below, and a summary.
     *
     * @param report the report
     * @param out    where to write
     */
    public static void text(ConformanceReport report, PrintWriter out) {
        out.printf("missive conformance %s against %s%n%n", report.protocol(), report.target());
        for (CheckResult result : report.results()) {
            Check check = result.check();
            out.printf("%-4s  %-9s  %s: %s%n", result.status(), check.level().tag(), check.id(), check.title());
            out.printf("      ref: %s%n", check.reference());
            if (!result.reason().isEmpty()) {
                out.printf("      %s%n", result.reason());
            }
        }
        long requiredFailed =
                report.results().stream().filter(CheckResult::failsRun).count();
        out.printf(
                "%n%d checks: %d passed, %d failed, %d skipped; %s%n",
                report.results().size(),
                report.count(CheckStatus.PASS),
                report.count(CheckStatus.FAIL),
                report.count(CheckStatus.SKIP),
                report.passed() ? "every required check passed" : requiredFailed + " required check(s) did not pass");
        out.flush();
    }

    /**
     * JUnit XML (one {@code testsuite}, one {@code testcase} per check, class name
     * {@code conformance.<protocol>.<level>}): a failed check is a {@code failure}, a skipped one
     * {@code skipped}, both with the reason.
     *
     * @param report the report
     * @param out    where to write
     * @throws IOException if writing fails
     */
    public static void junitXml(ConformanceReport report, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "missive conformance " + report.protocol());
            xml.writeAttribute("tests", Integer.toString(report.results().size()));
            xml.writeAttribute("failures", Long.toString(report.count(CheckStatus.FAIL)));
            xml.writeAttribute("skipped", Long.toString(report.count(CheckStatus.SKIP)));
            xml.writeAttribute("errors", "0");
            xml.writeCharacters("\n");
            xml.writeStartElement("properties");
            property(xml, "target", report.target());
            xml.writeEndElement();
            xml.writeCharacters("\n");
            for (CheckResult result : report.results()) {
                Check check = result.check();
                xml.writeStartElement("testcase");
                xml.writeAttribute(
                        "classname",
                        "conformance." + report.protocol() + "." + check.level().tag());
                xml.writeAttribute("name", check.id() + ": " + check.title() + " [" + check.reference() + "]");
                switch (result.status()) {
                    case FAIL -> {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", result.reason());
                        xml.writeCharacters(result.reason());
                        xml.writeEndElement();
                    }
                    case SKIP -> {
                        xml.writeStartElement("skipped");
                        xml.writeAttribute("message", result.reason());
                        xml.writeEndElement();
                    }
                    case PASS -> {}
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("could not write the JUnit XML report", e);
        }
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    /**
     * JSON: {@code {"protocol","target","passed","summary":{...},"checks":[{"id","title","level",
     * "reference","status","reason"}]}}.
     *
     * @param report the report
     * @param out    where to write
     * @throws IOException if writing fails
     */
    public static void json(ConformanceReport report, Writer out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("protocol", report.protocol());
            json.writeStringField("target", report.target());
            json.writeBooleanField("passed", report.passed());
            json.writeObjectFieldStart("summary");
            for (CheckStatus status : CheckStatus.values()) {
                json.writeNumberField(status.name().toLowerCase(java.util.Locale.ROOT), report.count(status));
            }
            json.writeEndObject();
            json.writeArrayFieldStart("checks");
            for (CheckResult result : report.results()) {
                Check check = result.check();
                json.writeStartObject();
                json.writeStringField("id", check.id());
                json.writeStringField("title", check.title());
                json.writeStringField("level", check.level().tag());
                json.writeStringField("reference", check.reference());
                json.writeStringField("status", result.status().name());
                json.writeStringField("reason", result.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }
}
