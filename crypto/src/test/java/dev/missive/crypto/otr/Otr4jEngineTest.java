package dev.missive.crypto.otr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.crypto.KeyFormatException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The otr4j adapter: DSA-1024/160 keys, the OSMS policy, and bad input reported, never thrown. */
class Otr4jEngineTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final OtrKeyPair A = OtrKeyPair.generate(RANDOM);
    private static final OtrKeyPair B = OtrKeyPair.generate(RANDOM);

    private final Otr4jEngine engine = new Otr4jEngine();

    private OtrConversation[] encryptedPair() throws Exception {
        OtrConversation a = engine.open("a", "b", A);
        OtrConversation b = engine.open("b", "a", B);
        String query = a.start();
        assertThat(query).startsWith("?OTRv23?");
        var commit = b.receive(query);
        var dhKey = a.receive(commit.replies().get(0));
        var reveal = b.receive(dhKey.replies().get(0));
        var signature = a.receive(reveal.replies().get(0));
        b.receive(signature.replies().get(0));
        return new OtrConversation[] {a, b};
    }

    @Test
    void keysAreDsa1024With160BitQAndSurvivePkcs8() throws Exception {
        assertThat(A.publicKey().getParams().getP().bitLength()).isEqualTo(1024);
        assertThat(A.publicKey().getParams().getQ().bitLength()).isEqualTo(160);
        OtrKeyPair again = OtrKeyPair.fromPkcs8(A.revealPkcs8());
        assertThat(again.publicKey().getY()).isEqualTo(A.publicKey().getY());
        assertThat(A.toString()).doesNotContain(A.revealPrivateKey().getX().toString(16));

        KeyPairGenerator jdkDefault = KeyPairGenerator.getInstance("DSA");
        jdkDefault.initialize(2048, RANDOM);
        byte[] dsa2048 = jdkDefault.generateKeyPair().getPrivate().getEncoded();
        assertThatThrownBy(() -> OtrKeyPair.fromPkcs8(dsa2048)).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> OtrKeyPair.fromPkcs8(new byte[] {1, 2, 3})).isInstanceOf(KeyFormatException.class);
    }

    @Test
    void theAkeNegotiatesV3AndTextsFlowBothWays() throws Exception {
        OtrConversation[] pair = encryptedPair();
        assertThat(pair[0].status()).isEqualTo(OtrStatus.ENCRYPTED);
        assertThat(pair[1].status()).isEqualTo(OtrStatus.ENCRYPTED);
        assertThat(pair[0].version()).isEqualTo(3);
        assertThat(pair[0].remoteKey()).contains(B.publicKey());
        assertThat(pair[1].remoteKey()).contains(A.publicKey());

        String message = pair[0].send("hello").get(0);
        assertThat(message).startsWith("?OTR:AAMD").doesNotContain("hello");
        assertThat(pair[1].receive(message).plaintext()).contains("hello");
        assertThat(pair[0].receive(pair[1].send("back").get(0)).plaintext()).contains("back");

        // a replayed data message is not accepted twice
        var replay = pair[1].receive(message);
        assertThat(replay.plaintext()).isEmpty();
        assertThat(replay.errors()).isNotEmpty();
    }

    @Test
    void badInputIsReportedNotThrown() throws Exception {
        OtrConversation[] pair = encryptedPair();
        for (String bad : new String[] {"?OTR:!!!!.", "?OTR:AAMD.", "?OTR:", "plain text", "?OTR Error: boom"}) {
            var received = pair[1].receive(bad);
            assertThat(received.plaintext()).as(bad).isEmpty();
            assertThat(received.errors()).as(bad).isNotEmpty();
        }
        // still encrypted and working
        assertThat(pair[1].receive(pair[0].send("ok").get(0)).plaintext()).contains("ok");
    }

    @Test
    void sendingNeedsAnEncryptedConversationAndEndSendsTlv1() throws Exception {
        OtrConversation lonely = engine.open("a", "b", A);
        assertThatThrownBy(() -> lonely.send("x")).isInstanceOf(OtrEngineException.class);
        assertThatThrownBy(() -> lonely.startSmp("", "s")).isInstanceOf(OtrEngineException.class);

        OtrConversation[] pair = encryptedPair();
        var end = pair[0].end();
        assertThat(end).hasSize(1);
        pair[1].receive(end.get(0));
        assertThat(pair[1].status()).isEqualTo(OtrStatus.FINISHED);
        assertThat(pair[0].status()).isEqualTo(OtrStatus.PLAINTEXT);
    }

    @Test
    void smpComparesSecrets() throws Exception {
        OtrConversation[] pair = encryptedPair();
        var step1 = pair[0].startSmp("question?", "secret");
        var asked = pair[1].receive(step1.get(0));
        assertThat(asked.smpQuestion()).contains("question?");
        var step2 = pair[1].answerSmp("secret");
        var step3 = pair[0].receive(step2.get(0));
        var step4 = pair[1].receive(step3.replies().get(0));
        var done = pair[0].receive(step4.replies().get(0));
        assertThat(step4.smp()).contains(OtrReceived.SmpOutcome.VERIFIED);
        assertThat(done.smp()).contains(OtrReceived.SmpOutcome.VERIFIED);
    }
}
