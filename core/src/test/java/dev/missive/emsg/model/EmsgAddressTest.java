package dev.missive.emsg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmsgAddressTest {

    @Test
    void domainCaseIsNormalisedLocalCaseKept() {
        EmsgAddress a = EmsgAddress.parse("Alice#Example.COM");
        assertThat(a.local()).isEqualTo("Alice");
        assertThat(a.domain()).isEqualTo("example.com");
        assertThat(a)
                .isEqualTo(EmsgAddress.parse("Alice#example.com"))
                .isNotEqualTo(EmsgAddress.parse("alice#example.com"));
        assertThat(a).hasToString("Alice#example.com");
    }

    @Test
    void limitsAreEnforced() {
        String local64 = "a".repeat(64);
        String label63 = "b".repeat(63);
        String domain253 = label63 + "." + label63 + "." + label63 + "." + "c".repeat(61);
        assertThat(domain253).hasSize(253);
        assertThat(EmsgAddress.parse(local64 + "#" + domain253).toString()).hasSize(EmsgAddress.MAX_LENGTH);
        assertThatThrownBy(() -> EmsgAddress.parse("a".repeat(65) + "#x.test"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmsgAddress.parse("a#" + "b".repeat(64) + ".test"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmsgAddress.parse("a#" + domain253 + "d"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "#",
                "a#",
                "#b.test",
                "a#b#c",
                "a@b.test",
                "a b#c.test",
                "a#-b.test",
                "a#b-.test",
                "a#b..test",
                "a#.b",
                "a#b.test.",
                "\u00e9#b.test",
                "a#\u00e9.test",
                "a#b_c.test"
            })
    void invalidAddressesAreRefused(String text) {
        assertThat(EmsgAddress.isValid(text)).isFalse();
    }

    @Test
    void parseAndToStringRoundTrip() {
        qt().forAll(
                        strings().betweenCodePoints('-', 'z').ofLengthBetween(1, 64),
                        strings().betweenCodePoints('-', 'Z').ofLengthBetween(1, 30))
                .checkAssert((local, domain) -> {
                    String text = local + "#" + domain;
                    if (EmsgAddress.isValid(text)) {
                        EmsgAddress a = EmsgAddress.parse(text);
                        assertThat(EmsgAddress.parse(a.toString())).isEqualTo(a);
                        assertThat(a.domain()).isEqualTo(a.domain().toLowerCase(java.util.Locale.ROOT));
                    }
                });
    }

    @Test
    void versionsFollowSemver() {
        assertThat(EmsgVersion.parse("0.2.0")).isEqualTo(EmsgVersion.CURRENT);
        assertThat(EmsgVersion.parse("0.3")).isEqualTo(new EmsgVersion(0, 3, 0));
        assertThat(EmsgVersion.parse("0.2.7-rc.1+build.5").compatibleWith(EmsgVersion.CURRENT))
                .isTrue();
        assertThat(EmsgVersion.parse("1.0.0").compatibleWith(EmsgVersion.CURRENT))
                .isFalse();
        assertThatThrownBy(() -> EmsgVersion.parse("01.2.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmsgVersion.parse("v1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorCodesAreUniqueAndDoNotReuseHttpMeaningsForEmsgRefusals() {
        assertThat(java.util.Arrays.stream(EmsgError.values())
                        .map(EmsgError::code)
                        .distinct())
                .hasSize(EmsgError.values().length);
        assertThat(EmsgError.VERSION_NOT_SUPPORTED.code()).isEqualTo(505);
        assertThat(EmsgError.ofCode(411)).isEmpty();
        assertThat(EmsgError.ofCode(460)).contains(EmsgError.BAD_SIGNATURE);
    }
}
