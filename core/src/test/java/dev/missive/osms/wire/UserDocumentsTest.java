package dev.missive.osms.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.missive.osms.OsmsHarness;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The /user and /pk documents in Gob and JSON, and content negotiation. */
class UserDocumentsTest {

    private static final OtrPublicKey KEY = OtrPublicKey.of(OsmsHarness.ALICE_KEY.publicKey());

    @Test
    void gobUserDocumentIsGosUserStruct() throws Exception {
        byte[] body = UserDocuments.encodeUser(Username.of("alice"), KEY, MediaTypes.Format.GOB);
        // the same type definition as Go's for struct User { Username string; PublicKey []byte }
        assertThat(HexFormat.of().formatHex(body)).startsWith(GobTest.USER_ALICE.substring(0, 92));
        assertThat(UserDocuments.decodeUser(body, MediaTypes.Format.GOB))
                .isEqualTo(new UserDocuments.UserDocument(Username.of("alice"), KEY));
    }

    @Test
    void jsonUserDocument() throws Exception {
        byte[] body = UserDocuments.encodeUser(Username.of("alice"), KEY, MediaTypes.Format.JSON);
        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("{\"username\":\"alice\",\"publicKey\":\""
                        + Base64.getEncoder().encodeToString(KEY.encode()) + "\"}");
        String withExtra = "{\"extra\":[1,2],\"publicKey\":\""
                + Base64.getEncoder().encodeToString(KEY.encode()) + "\",\"username\":\"Alice\"}";
        assertThat(UserDocuments.decodeUser(withExtra.getBytes(StandardCharsets.UTF_8), MediaTypes.Format.JSON)
                        .username())
                .isEqualTo(Username.of("alice"));
        assertThat(UserDocuments.decodeServerKey(
                        UserDocuments.encodeServerKey(KEY, MediaTypes.Format.JSON), MediaTypes.Format.JSON))
                .isEqualTo(KEY);
    }

    @Test
    void malformedDocumentsAreRefused() {
        for (String json : new String[] {
            "",
            "[]",
            "{}",
            "{\"username\":\"alice\"}",
            "{\"username\":\"al ice\",\"publicKey\":\"AAAA\"}",
            "{\"username\":\"alice\",\"publicKey\":\"not base64!\"}",
            "{\"username\":\"alice\",\"publicKey\":\"AAAA\"}",
            "{\"username\":5,\"publicKey\":\"AAAA\"}",
            "{"
        }) {
            assertThatThrownBy(() ->
                            UserDocuments.decodeUser(json.getBytes(StandardCharsets.UTF_8), MediaTypes.Format.JSON))
                    .as(json)
                    .isInstanceOf(OsmsException.class);
        }
        assertThatThrownBy(() ->
                        UserDocuments.decodeUser(HexFormat.of().parseHex(GobTest.STRING_HI), MediaTypes.Format.GOB))
                .isInstanceOf(OsmsException.class);
        assertThatThrownBy(() ->
                        UserDocuments.decodeUser(HexFormat.of().parseHex(GobTest.USER_ALICE), MediaTypes.Format.GOB))
                .isInstanceOf(OsmsException.class); // deadbeef is no PUBKEY
    }

    @Test
    void contentNegotiation() {
        assertThat(MediaTypes.negotiate(null)).contains(MediaTypes.Format.GOB);
        assertThat(MediaTypes.negotiate("*/*")).contains(MediaTypes.Format.GOB);
        assertThat(MediaTypes.negotiate("application/json")).contains(MediaTypes.Format.JSON);
        assertThat(MediaTypes.negotiate("application/json;q=0.9, application/x-gob"))
                .contains(MediaTypes.Format.JSON);
        assertThat(MediaTypes.negotiate("text/html, application/X-GOB")).contains(MediaTypes.Format.GOB);
        assertThat(MediaTypes.negotiate("text/html")).isEmpty();
        assertThat(MediaTypes.fromContentType("application/json; charset=utf-8"))
                .contains(MediaTypes.Format.JSON);
        assertThat(MediaTypes.isText("Text/Plain; charset=utf-8")).isTrue();
        assertThat(MediaTypes.isText("application/json")).isFalse();
    }

    @Test
    void theServerServesBothFormats() throws Exception {
        OsmsHarness h = new OsmsHarness();
        h.register("alice", OsmsHarness.ALICE_KEY);
        var gob = h.get("/user/ALICE", null);
        assertThat(gob.status()).isEqualTo(200);
        assertThat(gob.header("Content-Type")).contains(MediaTypes.GOB);
        assertThat(UserDocuments.decodeUser(gob.body(), MediaTypes.Format.GOB).publicKey())
                .isEqualTo(KEY);
        var json = h.get("/user/alice", "application/json");
        assertThat(json.header("Content-Type")).contains(MediaTypes.JSON);
        assertThat(h.get("/user/alice", "text/html").status()).isEqualTo(406);
        assertThat(h.get("/user/nobody", null).status()).isEqualTo(404);
        assertThat(h.get("/user/no-body", null).status()).isEqualTo(400);
        var pk = h.get("/pk", "application/json");
        assertThat(UserDocuments.decodeServerKey(pk.body(), MediaTypes.Format.JSON))
                .isEqualTo(h.server.publicKey());
        assertThat(h.post("/pk", null, "x").status()).isEqualTo(405);
        assertThat(h.get("/nothing", null).status()).isEqualTo(404);
    }
}
