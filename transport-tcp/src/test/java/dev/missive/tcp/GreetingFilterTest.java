package dev.missive.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreetingFilterTest {

    private final ByteArrayOutputStream passed = new ByteArrayOutputStream();
    private final List<String> greetings = new ArrayList<>();

    private GreetingFilter filter(boolean optional) {
        return new GreetingFilter(
                line -> {
                    if (!line.equals("Welcome to SMP")) {
                        throw new IOException("bad greeting");
                    }
                    greetings.add(line);
                },
                optional,
                16,
                passed::write);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void dropsTheGreetingHoweverTheBytesAreSplit() throws IOException {
        byte[] stream = ascii("Welcome to SMP\r\n\r\n\r\nIDS a b\r\n");
        for (int cut = 0; cut <= stream.length; cut++) {
            passed.reset();
            greetings.clear();
            GreetingFilter f = filter(false);
            f.accept(stream, 0, cut);
            f.accept(stream, cut, stream.length - cut);
            assertThat(greetings).containsExactly("Welcome to SMP");
            assertThat(passed.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n\r\nIDS a b\r\n");
        }
    }

    @Test
    void optionalGreetingMayBeAbsent() throws IOException {
        GreetingFilter f = filter(true);
        f.accept(ascii("\r\n\r\nIDS a b\r\n"), 0, 13);
        assertThat(f.done()).isTrue();
        assertThat(greetings).isEmpty();
        assertThat(passed.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n\r\nIDS a b\r\n");
    }

    @Test
    void wrongOrOverlongGreetingFails() {
        assertThatThrownBy(() -> filter(true).accept(ascii("Hello\r\n"), 0, 7)).isInstanceOf(IOException.class);
        byte[] longLine = ascii("Welcome to SMP and more\r\n");
        assertThatThrownBy(() -> filter(false).accept(longLine, 0, longLine.length))
                .isInstanceOf(IOException.class);
        // A required greeting cannot be skipped by starting with CRLF.
        assertThatThrownBy(() -> filter(false).accept(ascii("\r\n\r\nOK\r\n"), 0, 8))
                .isInstanceOf(IOException.class);
    }
}
