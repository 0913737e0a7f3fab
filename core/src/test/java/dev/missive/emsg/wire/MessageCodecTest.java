package dev.missive.emsg.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgMessage;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schema validation with failing paths, timestamp forms, and signed round trips. */
class MessageCodecTest {

    private static final EmsgSigningKey KEY = EmsgSigningKey.ed25519("k1", Ed25519PrivateKey.fromSeed(new byte[32]));
    private static final String ID = "3f1c0a2e-6b7d-4e8f-9a0b-1c2d3e4f5a6b";

    private static ObjectNode chat() {
        return EmsgJson.object()
                .put("type", "chat")
                .put("id", ID)
                .put("sender", "alice#a.test")
                .put("recipient", "bob#b.test")
                .put("timestamp", 1610000100000L)
                .put("body", "hi");
    }

    private static EmsgException refusal(ObjectNode unsigned) {
        String line = Signatures.sign(unsigned, KEY);
        try {
            MessageCodec.decode(line, 1000);
        } catch (EmsgException e) {
            return e;
        }
        throw new AssertionError("accepted: " + line);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "sender=alice@a.test,$.sender",
        "sender=alice#a..test,$.sender",
        "recipient=bob,$.recipient",
        "id=not-a-uuid,$.id",
        "timestamp=yesterday,$.timestamp",
        "body=,",
    })
    void schemaViolationsNameTheFailingMember(String change, String path) {
        String[] kv = change.split("=", 2);
        ObjectNode m = chat();
        if (kv[0].equals("body")) {
            m.put("body", 42);
            path = "$.body";
        } else {
            m.put(kv[0], kv[1]);
        }
        EmsgException e = refusal(m);
        assertThat(e.error()).isEqualTo(EmsgError.SCHEMA_VIOLATION);
        assertThat(e.path()).isEqualTo(path);
    }

    @Test
    void missingMembersAreNamed() {
        ObjectNode m = chat();
        m.remove("timestamp");
        assertThat(refusal(m).path()).isEqualTo("$.timestamp");
        ObjectNode both = chat().put("group_id", "g#a.test");
        assertThat(refusal(both).error()).isEqualTo(EmsgError.SCHEMA_VIOLATION);
        ObjectNode neither = chat();
        neither.remove("recipient");
        assertThat(refusal(neither).error()).isEqualTo(EmsgError.SCHEMA_VIOLATION);
    }

    @Test
    void systemEventsRequireTheirMembers() {
        ObjectNode joined = EmsgJson.object()
                .put("type", "system")
                .put("id", ID)
                .put("event", "joined")
                .put("sender", "alice#a.test")
                .put("group_id", "g-1#a.test")
                .put("timestamp", 1);
        assertThat(refusal(joined).path()).isEqualTo("$.target");
        ObjectNode renamed = joined.deepCopy().put("event", "group_renamed");
        assertThat(refusal(renamed).path()).isEqualTo("$.group_name");
        ObjectNode unknown = joined.deepCopy().put("event", "exploded");
        assertThat(refusal(unknown).path()).isEqualTo("$.event");
    }

    @Test
    void floatsHugeIntegersAndDuplicatesAreBadRequests() {
        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"chat\",\"x\":1.5}", 10))
                .isInstanceOfSatisfying(
                        EmsgException.class, e -> assertThat(e.error()).isEqualTo(EmsgError.BAD_REQUEST));
        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"chat\",\"x\":9007199254740993}", 10))
                .isInstanceOfSatisfying(
                        EmsgException.class, e -> assertThat(e.error()).isEqualTo(EmsgError.BAD_REQUEST));
        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"chat\",\"type\":\"chat\"}", 10))
                .isInstanceOfSatisfying(
                        EmsgException.class, e -> assertThat(e.error()).isEqualTo(EmsgError.BAD_REQUEST));
        assertThatThrownBy(() -> MessageCodec.decode("{\"type\":\"poke\"}", 10))
                .isInstanceOfSatisfying(
                        EmsgException.class, e -> assertThat(e.error()).isEqualTo(EmsgError.NOT_IMPLEMENTED));
    }

    @Test
    void timestampsAreReadAsMillisecondsSecondsOrRfc3339() throws Exception {
        assertThat(decode(chat().put("timestamp", 1610000100000L)).timestampMillis())
                .isEqualTo(1610000100000L);
        assertThat(decode(chat().put("timestamp", 1610000100L)).timestampMillis())
                .isEqualTo(1610000100000L);
        assertThat(decode(chat().put("timestamp", "2021-01-07T06:15:00.5Z")).timestampMillis())
                .isEqualTo(1610000100500L);
        assertThat(decode(chat().put("timestamp", "2021-01-07T07:15:00+01:00")).timestampMillis())
                .isEqualTo(1610000100000L);
    }

    @Test
    void aBodyLongerThanTheLimitIsRefused() {
        ObjectNode m = chat().put("body", "x".repeat(1001));
        assertThat(refusal(m).path()).isEqualTo("$.body");
    }

    private static EmsgMessage decode(ObjectNode unsigned) throws EmsgException {
        return MessageCodec.decode(Signatures.sign(unsigned, KEY), 1000);
    }

    @Test
    void signedChatsRoundTripExactly() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 200), longs().between(0, 9007199254740991L))
                .checkAssert((body, timestamp) -> {
                    if (body.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
                        return;
                    }
                    ObjectNode m = chat().put("body", body).put("timestamp", timestamp);
                    String line = Signatures.sign(m, KEY);
                    try {
                        ChatMessage back = (ChatMessage) MessageCodec.decode(line, 1000);
                        assertThat(back.body()).isEqualTo(body);
                        assertThat(back.json()).isEqualTo(line);
                        long ms = timestamp < Timestamps.SECONDS_BELOW ? timestamp * 1000 : timestamp;
                        assertThat(back.timestampMillis()).isEqualTo(ms);
                        assertThat(Signatures.verify(EmsgJson.parseObject(line), back.signature(), KEY.publicKey()))
                                .isTrue();
                    } catch (EmsgException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void everySeedEventParses() throws Exception {
        for (SystemEvent event : SystemEvent.values()) {
            ObjectNode m = EmsgJson.object()
                    .put("type", "system")
                    .put("id", ID)
                    .put("event", event.wireName())
                    .put("sender", event.isGroupEvent() ? "alice#a.test" : "system#a.test")
                    .put("timestamp", 1610000200000L);
            if (event.isGroupEvent()) {
                m.put("group_id", "g-1#a.test");
                m.put("target", "bob#b.test");
                m.put("group_name", "Project Team");
                m.put("description", "about");
                m.put("display_picture", "https://ex.com/p.png");
            } else {
                m.put("recipient", "bob#b.test");
                m.put("subject", "alice#a.test");
                m.putArray("fields").add("first_name");
                m.put("ref", ID);
                m.put("code", 504);
            }
            SystemMessage back = (SystemMessage) decode(m);
            assertThat(back.event()).isEqualTo(event);
        }
    }
}
