package dev.missive.smp.secure;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.crypto.SymmetricKey;
import java.util.Arrays;

/**
 * Arbitrary bytes into every Appendix A decoder: they either decode or fail with
 * {@link SecureTransportException}, never anything else; a block reader fed garbage never yields
 * stream bytes (forging a block needs the key). Regression mode runs the committed inputs under
 * {@code SecureTransportFuzzTestInputs}; {@code JAZZER_FUZZ=1} explores.
 */
class SecureTransportFuzzTest {

    private static final DirectionKeys KEYS = DirectionKeys.of(SymmetricKey.of(new byte[32]), new byte[16]);

    @FuzzTest(maxDuration = "60s")
    void decodersFailOnlyWithSecureTransportException(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 3);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            switch (which) {
                case 0 -> ServerHeader.decode(bytes);
                case 1 -> ClientHandshake.decode(bytes);
                case 2 -> VersionGreeting.parse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
                default -> {
                    BlockReader reader = new BlockReader(SecureTransport.DEFAULT_BLOCK_SIZE, KEYS);
                    reader.read(bytes, 0, bytes.length, (b, o, l) -> {
                        throw new AssertionError(
                                "garbage decrypted to " + Arrays.toString(Arrays.copyOfRange(b, o, o + l)));
                    });
                    assertThat(bytes.length).isLessThan(SecureTransport.DEFAULT_BLOCK_SIZE);
                }
            }
        } catch (SecureTransportException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }
}
