package dev.missive.emsg.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 8785 test vectors (sections 3.2.2, 3.2.3 and appendix B) and properties of the canonical form. */
class CanonicalTest {

    private static String jcs(String json) {
        return new String(Canonical.canonicalize(json), StandardCharsets.UTF_8);
    }

    @Test
    void rfc8785Section322Example() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n  2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        assertThat(jcs(input))
                .isEqualTo("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void rfc8785Section323SortsByUtf16CodeUnits() {
        String input =
                "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\","
                        + " \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\","
                        + " \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
        assertThat(jcs(input))
                .isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|0",
                "-0|0",
                "1e21|1e+21",
                "1e20|100000000000000000000",
                "9007199254740992|9007199254740992",
                "0.000001|0.000001",
                "1e-7|1e-7",
                "333333333.3333333|333333333.3333333",
                "-1.5|-1.5"
            })
    void rfc8785AppendixBNumbers(String in, String out) {
        assertThat(jcs("[" + in + "]")).isEqualTo("[" + out + "]");
    }

    @Test
    void canonicalFormIsIdempotentAndIgnoresMemberOrderAndWhitespace() {
        qt().forAll(
                        lists().of(strings().basicLatinAlphabet().ofLengthBetween(1, 8))
                                .ofSizeBetween(0, 8),
                        lists().of(longs().between(-9007199254740991L, 9007199254740991L))
                                .ofSizeBetween(8, 8),
                        integers().all())
                .checkAssert((names, values, seed) -> {
                    List<String> members = new ArrayList<>();
                    List<String> distinct = names.stream().distinct().toList();
                    for (int i = 0; i < distinct.size(); i++) {
                        members.add("\"" + distinct.get(i).replace("\\", "\\\\").replace("\"", "\\\"") + "\" : "
                                + values.get(i));
                    }
                    String forward = "{ " + String.join(" , ", members) + " }";
                    Collections.shuffle(members, new Random(seed));
                    String shuffled = "{" + String.join(",", members) + "}";
                    String canonical = jcs(forward);
                    assertThat(jcs(shuffled)).isEqualTo(canonical);
                    assertThat(jcs(canonical)).isEqualTo(canonical);
                });
    }

    @Test
    void signingInputExcludesOnlyTheSignatureMember() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(body -> {
            if (body.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
                return;
            }
            try {
                ObjectNode node = EmsgJson.object().put("type", "chat").put("body", body);
                byte[] unsigned = Canonical.signingInput(node);
                node.putObject("signature").put("alg", "ed25519");
                assertThat(Canonical.signingInput(node)).isEqualTo(unsigned);
                node.put("extra", 1);
                assertThat(Canonical.signingInput(node)).isNotEqualTo(unsigned);
                // The canonical text parses back to the same members.
                ObjectNode back = EmsgJson.parseObject(new String(unsigned, StandardCharsets.UTF_8));
                assertThat(back.get("body").textValue()).isEqualTo(body);
            } catch (dev.missive.emsg.model.EmsgException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** The signing input is written from the parsed tree; it must equal the library's RFC 8785 of the text. */
    @Test
    void signingInputEqualsTheLibraryCanonicalFormOfTheSameObject() {
        qt().forAll(
                        lists().of(strings().allPossible().ofLengthBetween(0, 6))
                                .ofSizeBetween(0, 6),
                        lists().of(longs().between(-9007199254740991L, 9007199254740991L))
                                .ofSizeBetween(6, 6),
                        integers().between(0, 5))
                .checkAssert((texts, numbers, nesting) -> {
                    if (texts.stream().anyMatch(t -> t.chars().anyMatch(c -> Character.isSurrogate((char) c)))) {
                        return;
                    }
                    ObjectNode node = EmsgJson.object();
                    ObjectNode inner = node;
                    for (int i = 0; i < nesting; i++) {
                        inner = inner.putObject("n" + i);
                    }
                    for (int i = 0; i < texts.size(); i++) {
                        // Texts as member names and values, numbers in arrays, literals beside them.
                        inner.put(texts.get(i), numbers.get(i));
                        node.putArray("a" + texts.get(i))
                                .add(texts.get(i))
                                .add(numbers.get(i))
                                .add(i % 2 == 0)
                                .addNull();
                    }
                    node.putObject("signature").put("value", "x");
                    try {
                        ObjectNode parsed = EmsgJson.parseObject(EmsgJson.write(node));
                        ObjectNode unsigned = parsed.deepCopy();
                        unsigned.remove("signature");
                        assertThat(new String(Canonical.signingInput(parsed), StandardCharsets.UTF_8))
                                .isEqualTo(jcs(EmsgJson.write(unsigned)));
                    } catch (dev.missive.emsg.model.EmsgException e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
