package dev.missive.osms.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.missive.osms.model.OsmsError;
import dev.missive.osms.model.OsmsException;

/**
 * The Gob decoder and the document codecs take any bytes: they decode or refuse with their own
 * exception, never anything else. Regression mode (the normal build) replays the committed inputs
 * under {@code OsmsCodecFuzzTestInputs}; {@code JAZZER_FUZZ=1} explores.
 */
class OsmsCodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void gobDecoderFailsOnlyWithGobException(byte[] input) {
        Gob.Decoder decoder = new Gob.Decoder(input);
        int values = 0;
        try {
            while (decoder.next().isPresent()) {
                values++;
            }
        } catch (GobException refused) {
            return;
        }
        assertThat(values).isLessThanOrEqualTo(input.length);
    }

    @FuzzTest(maxDuration = "60s")
    void documentsDecodeOrAreMalformed(byte[] input) {
        for (MediaTypes.Format format : MediaTypes.Format.values()) {
            try {
                var user = UserDocuments.decodeUser(input, format);
                // what decodes re-encodes to a document that decodes the same
                assertThat(UserDocuments.decodeUser(
                                UserDocuments.encodeUser(user.username(), user.publicKey(), format), format))
                        .isEqualTo(user);
            } catch (OsmsException refused) {
                assertThat(refused.error()).isEqualTo(OsmsError.MALFORMED);
            }
            try {
                UserDocuments.decodeServerKey(input, format);
            } catch (OsmsException refused) {
                assertThat(refused.error()).isEqualTo(OsmsError.MALFORMED);
            }
        }
    }
}
