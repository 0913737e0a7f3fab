package dev.missive.emsg.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.Encodings;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.MessageSignature;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The worked signing example of {@code docs/emsg.md}, "Signing input", byte for byte: the key is RFC 8032
 * test 1, the values below were produced by this code and pasted into the document.
 */
class DocVectorTest {

    static final String SEED_HEX = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String PUBLIC_BASE64 = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    static final String UNSIGNED = "{\"type\":\"chat\",\"id\":\"3f1c0a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b\","
            + "\"sender\":\"alice#example.com\",\"recipient\":\"bob#example.org\",\"timestamp\":1610000100000,"
            + "\"body\":\"Hi Bob! \u00e9\u20ac\"}";
    static final String SIGNING_INPUT =
            "{\"body\":\"Hi Bob! \u00e9\u20ac\",\"id\":\"3f1c0a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b\","
                    + "\"recipient\":\"bob#example.org\",\"sender\":\"alice#example.com\",\"timestamp\":1610000100000,"
                    + "\"type\":\"chat\"}";
    static final String SIGNING_INPUT_HEX = "7b22626f6479223a22486920426f622120c3a9e282ac222c226964223a223366316330"
            + "6132652d366237642d346538662d396130622d316332643365346635613662222c22726563697069656e74223a22626f"
            + "62236578616d706c652e6f7267222c2273656e646572223a22616c696365236578616d706c652e636f6d222c227469"
            + "6d657374616d70223a313631303030303130303030302c2274797065223a2263686174227d";
    static final String SIGNATURE_BASE64 =
            "0ofBtVWng8qv8vYSOZnSiGoPOhAUzQFXf2NISG/Iw4T0aSvOZAvQl1pCjh3d/DSd49AIT1E/uIfSPpPZS3zKDg==";
    static final String SIGNED = "{\"type\":\"chat\",\"id\":\"3f1c0a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b\","
            + "\"sender\":\"alice#example.com\",\"recipient\":\"bob#example.org\",\"timestamp\":1610000100000,"
            + "\"body\":\"Hi Bob! \u00e9\u20ac\",\"signature\":{\"alg\":\"ed25519\",\"kid\":\"k1\",\"value\":\""
            + SIGNATURE_BASE64 + "\"}}";

    private static EmsgSigningKey key() {
        return EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.fromSeed(Encodings.fromHex(SEED_HEX)));
    }

    @Test
    void signingInputIsTheDocumentedBytes() throws Exception {
        byte[] input = Canonical.signingInput(EmsgJson.parseObject(UNSIGNED));
        assertThat(new String(input, StandardCharsets.UTF_8)).isEqualTo(SIGNING_INPUT);
        assertThat(Encodings.hex(input)).isEqualTo(SIGNING_INPUT_HEX);
        // Adding the signature member does not change the input.
        assertThat(Canonical.signingInput(EmsgJson.parseObject(SIGNED))).isEqualTo(input);
    }

    @Test
    void signatureAndSignedLineAreTheDocumentedOnes() throws Exception {
        assertThat(key().publicKey().base64()).isEqualTo(PUBLIC_BASE64);
        ObjectNode node = EmsgJson.parseObject(UNSIGNED);
        assertThat(Signatures.sign(node, key())).isEqualTo(SIGNED);
        ObjectNode signed = EmsgJson.parseObject(SIGNED);
        MessageSignature signature = Signatures.read(signed);
        assertThat(Signatures.verify(signed, signature, key().publicKey())).isTrue();
    }

    @Test
    void theJdkVerifiesTheDocumentedSignatureIndependently() throws Exception {
        byte[] spki =
                Encodings.fromHex("302a300506032b6570032100" + Encodings.hex(Encodings.fromBase64(PUBLIC_BASE64)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        verifier.update(SIGNING_INPUT.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Encodings.fromBase64(SIGNATURE_BASE64))).isTrue();
    }
}
