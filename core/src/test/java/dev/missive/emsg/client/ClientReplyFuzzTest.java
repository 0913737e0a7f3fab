package dev.missive.emsg.client;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.wire.Handshake;
import java.nio.charset.StandardCharsets;

/**
 * Any server line given to the client's parsers ({@link EmsgClient#parseReply},
 * {@link Handshake#readServerHello}, {@link Handshake#readOk}) is read or refused with an
 * {@link EmsgException}, never another exception. Regression mode replays
 * {@code ClientReplyFuzzTestInputs}.
 */
class ClientReplyFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void serverLinesAreReadOrRefused(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        try {
            EmsgClient.parseReply(line);
        } catch (EmsgException refused) {
            // expected for malformed input
        }
        try {
            Handshake.readServerHello(line);
        } catch (EmsgException refused) {
            // expected for malformed input
        }
        try {
            Handshake.readOk(line);
        } catch (EmsgException refused) {
            // expected for malformed input
        }
    }
}
