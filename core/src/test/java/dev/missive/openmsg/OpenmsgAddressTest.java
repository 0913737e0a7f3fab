package dev.missive.openmsg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.missive.openmsg.model.InvalidAddressException;
import dev.missive.openmsg.model.OpenmsgAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenmsgAddressTest {

    @Test
    void parsesAndPrintsTheWireForm() {
        OpenmsgAddress address = OpenmsgAddress.parse("0001*Sub.Example-1.com");
        assertThat(address.id()).isEqualTo("0001");
        assertThat(address.domain()).isEqualTo("sub.example-1.com");
        assertThat(address).hasToString("0001*sub.example-1.com");
        assertThat(OpenmsgAddress.parse("0001*sub.example-1.com")).isEqualTo(address);
        assertThat(OpenmsgAddress.parse("1*localhost").domain()).isEqualTo("localhost");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "*",
                "1*",
                "*a.example",
                "a*b.example",
                "1 *a.example",
                "-1*a.example",
                "1*a.example*b",
                "1*a.example:443",
                "1*a.example/",
                "1*user@a.example",
                "1*[::1]",
                "1*a_b.example",
                "1*.a.example",
                "1*a.example.",
                "1*a..example",
                "1*-a.example",
                "1*a-.example",
                "1*a.-b.example",
                "1*ä.example",
                "١*a.example",
                "1*a.example\n"
            })
    void refusesInvalidAddresses(String text) {
        assertThatThrownBy(() -> OpenmsgAddress.parse(text))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessageNotContaining(text.isEmpty() ? "\u0000" : text);
        assertThat(OpenmsgAddress.tryParse(text)).isEmpty();
    }

    @Test
    void totalLengthIsAtMost255() {
        String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertThat(domain).hasSize(253);
        assertThat(OpenmsgAddress.parse("1*" + domain).toString()).hasSize(255);
        assertThatThrownBy(() -> OpenmsgAddress.parse("12*" + domain)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void anyValidAddressRoundTrips() {
        qt().forAll(
                        strings().betweenCodePoints('0', '9').ofLengthBetween(1, 20),
                        strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 30),
                        integers().between(0, 3))
                .checkAssert((id, label, depth) -> {
                    String domain = (label + ".").repeat(depth) + label + "-x.example";
                    OpenmsgAddress address = OpenmsgAddress.of(id, domain);
                    assertThat(OpenmsgAddress.parse(address.toString())).isEqualTo(address);
                });
    }

    @Test
    void arbitraryTextNeverThrowsAnythingButInvalidAddress() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(text -> {
            try {
                OpenmsgAddress address = OpenmsgAddress.parse(text);
                assertThat(address.toString()).isEqualToIgnoringCase(text);
            } catch (InvalidAddressException expected) {
                // refused, as it must be for almost all of them
            }
        });
    }
}
