package dev.missive.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPss;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.wire.Envelope;
import dev.missive.mesh.wire.EnvelopeField;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worked example in {@code docs/mesh.md} is what this code produces and accepts. */
class MeshDocVectorTest {

    private static Map<String, String> vector;
    private static final RsaPrivateKey ALICE = MeshTestKeys.key("alice");
    private static final RsaPrivateKey BOB = MeshTestKeys.key("bob");

    @BeforeAll
    static void readDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "mesh.md"), StandardCharsets.UTF_8);
        String block = doc.substring(doc.indexOf("<!-- vector:begin -->"), doc.indexOf("<!-- vector:end -->"));
        vector = new LinkedHashMap<>();
        for (String line : block.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0 && !line.startsWith("```") && !line.startsWith("<!--")) {
                vector.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
    }

    @Test
    void keysAreTheTestKeys() {
        assertThat(vector.get("sender_key")).isEqualTo(MeshCrypto.encodeKey(ALICE.publicKey()));
        assertThat(vector.get("recipient_key")).isEqualTo(MeshCrypto.encodeKey(BOB.publicKey()));
        assertThat(vector.get("packet_recipient")).isEqualTo(vector.get("recipient_key"));
    }

    @Test
    void hashIsTheHashOfTheThreeFields() {
        assertThat(MeshCrypto.packetHash(
                        vector.get("packet_recipient"), vector.get("packet_message"), vector.get("packet_signature")))
                .isEqualTo(new PacketHash(vector.get("packet_hash")));
    }

    @Test
    void envelopesOpenToTheMessageAndAValidSignature() throws Exception {
        byte[] messageEnvelope = Encodings.fromBase64(vector.get("packet_message"));
        Envelope message = Envelope.decode(messageEnvelope);
        assertThat(Encodings.hex(Arrays.copyOf(messageEnvelope, 11)))
                .isEqualTo(vector.get("message_envelope_header_hex"));
        assertThat(message.createdAt().toString()).isEqualTo(vector.get("clock"));
        assertThat(Encodings.hex(MeshCrypto.associatedData(
                        EnvelopeField.MESSAGE, message, BOB.publicKey().spki())))
                .isEqualTo(vector.get("message_aad_hex"));

        byte[] json = MeshCrypto.open(EnvelopeField.MESSAGE, BOB, message);
        int length = Integer.parseInt(vector.get("message_json_length"));
        String unpadded = vector.get("message_json_unpadded");
        String padded = unpadded.replace("\"pad\":\"\"", "\"pad\":\"" + " ".repeat(length - unpadded.length()) + "\"");
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(padded);
        assertThat(json).hasSize(length);
        assertThat(MeshJson.decodeMessage(json, 1 << 20).content()).isEqualTo("Hello, this is a test message!");

        byte[] signatureJson = MeshCrypto.open(
                EnvelopeField.SIGNATURE, BOB, Envelope.decode(Encodings.fromBase64(vector.get("packet_signature"))));
        byte[] signature = Encodings.fromBase64(MeshJson.decodeSignature(signatureJson, 4096));
        byte[] input = MeshCrypto.signatureInput(BOB.publicKey().spki(), messageEnvelope);
        assertThat(Encodings.hex(Arrays.copyOf(input, 58))).isEqualTo(vector.get("signature_input_prefix_hex"));
        assertThat(RsaPss.verify(ALICE.publicKey(), input, signature)).isTrue();
    }

    @Test
    void requestsCarryTheDocumentedSigningStrings() throws Exception {
        SignedRequest discard = MeshJson.decodeSignedRequest(
                vector.get("discard_request").getBytes(StandardCharsets.UTF_8), 1 << 20, RequestPurpose.DISCARD);
        String signing = new String(MeshCrypto.requestSigningString(discard), StandardCharsets.UTF_8);
        assertThat(signing).isEqualTo(vector.get("discard_signing_string").replace("\\n", "\n"));
        assertThat(discard.hashes()).containsExactly(new PacketHash(vector.get("packet_hash")));
        assertThat(RsaPss.verify(
                        BOB.publicKey(),
                        MeshCrypto.requestSigningString(discard),
                        Encodings.fromBase64(discard.signature())))
                .isTrue();

        SignedRequest fetch = MeshJson.decodeSignedRequest(
                vector.get("fetch_request").getBytes(StandardCharsets.UTF_8),
                1 << 20,
                RequestPurpose.FETCH_BY_RECIPIENT);
        assertThat(fetch.audience()).isEqualTo("https://rx.example");
        assertThat(fetch.hashes()).isEqualTo(List.of());
        assertThat(RsaPss.verify(
                        BOB.publicKey(),
                        MeshCrypto.requestSigningString(fetch),
                        Encodings.fromBase64(fetch.signature())))
                .isTrue();
    }
}
