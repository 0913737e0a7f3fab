package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.smp.wire.ServerMessage;
import org.junit.jupiter.api.Test;

/**
 * Known-answer exchanges of the seed text (the sessions in {@code docs/smp.md}), byte for byte, with the 2020
 * reference scheme so the scripts written for the reference server run unchanged.
 */
class ReferenceExchangeTest {

    private final ServerHarness harness = new ServerHarness(new Reference2020SignatureScheme(), b -> b);

    @Test
    void createSendAndDeliverAsObservedOnTheReferenceServer() {
        var alice = harness.connect();
        alice.write("\r\n\r\nCONN cmtleS0xMjM0\r\n");
        String ids = alice.sink().text();
        assertThat(ids).matches("\r\n\r\nIDS [A-Za-z0-9+/]{16} [A-Za-z0-9+/]{16}\r\n");
        String rid = ids.substring(8, 24);
        String sid = ids.substring(25, 41);
        assertThat(rid).isNotEqualTo(sid);

        var bob = harness.connect();
        bob.write("\r\n" + sid + "\r\nSEND :hello world\r\n");
        assertThat(bob.sink().text()).isEqualTo("\r\n" + sid + "\r\nOK\r\n");

        String delivered = alice.sink().text().substring(ids.length());
        assertThat(delivered)
                .matches("\r\n" + java.util.regex.Pattern.quote(rid)
                        + "\r\nMSG [A-Za-z0-9+/]{11}= 2020-10-18T20:19:36\\.874Z 11\r\nhello world\r\n");

        // the seed's securing flow with password "keys": KEY abcd signed by the recipient key, then signed SEND
        alice.write("cmtleS0xMjM0\r\n" + rid + "\r\nACK\r\n");
        alice.write("cmtleS0xMjM0\r\n" + rid + "\r\nKEY YWJjZA==\r\n");
        bob.write("\r\n" + sid + "\r\nSEND :unsigned\r\n");
        bob.write("YWJjZA==\r\n" + sid + "\r\nSEND 5\r\nhello\r\n");
        assertThat(bob.sink().text())
                .isEqualTo(
                        "\r\n" + sid + "\r\nOK\r\n" + "\r\n" + sid + "\r\nERR AUTH\r\n" + "\r\n" + sid + "\r\nOK\r\n");
        var aliceSaw = alice.sink().transmissions();
        assertThat(aliceSaw)
                .extracting(t -> t.message().getClass().getSimpleName())
                .containsExactly("Ids", "Msg", "Ok", "Ok", "Msg");
        assertThat(((ServerMessage.Msg) aliceSaw.get(4).message()).body())
                .asString()
                .isEqualTo("hello");
    }

    @Test
    void errorReplyEchoesTheConnIdOnlyWhenItIsBase64() {
        var c = harness.connect();
        c.write("\r\n!!\r\nSUB\r\n");
        c.write("\r\nAAAA\r\nHELLO\r\n");
        assertThat(c.sink().text()).isEqualTo("\r\n\r\nERR SYNTAX 1\r\n\r\nAAAA\r\nERR UNKNOWN\r\n");
    }
}
