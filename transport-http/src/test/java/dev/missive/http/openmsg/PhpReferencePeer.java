package dev.missive.http.openmsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.missive.crypto.SecretBox;
import dev.missive.crypto.SymmetricKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the PHP reference node (Openmsg-io/version_1.0 at HEAD, with the initiator's
 * missing-{@code $} fix every working deployment has), written from digest sections 4 to 7 and 12:
 * its field names, its order of checks, and the shape of its answers on the wire: always HTTP 200,
 * {@code Content-Type: text/html; charset=UTF-8}, the JSON preceded by the blank lines (CRLF) its
 * included files leak, {@code json_encode} output without spaces. It keeps its state in memory and
 * calls peers the way the reference does ({@code https://<domain>/openmsg/<endpoint>/}, here
 * redirected to loopback by {@code locate}).
 */
final class PhpReferencePeer implements AutoCloseable {

    /** What the reference's include files leak in front of every answer (observed). */
    static final String LEAKED_PREFIX = "\r\n\r\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private record StoredPassCode(String selfAddress, String code, long timestamp) {}

    private record Pending(String otherAddress, String passcodeHash, long timestamp) {}

    /** A row of openmsg_user_connections. */
    record Connection(String self, String other, String otherName, String authCode, String identCode, String key) {}

    /** A row of openmsg_messages_inbox. */
    record Received(String self, String identCode, String hash, String text) {}

    private final String domain;
    private final Function<String, URI> locate;
    private final HttpClient client;
    private final HttpsServer server;
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final List<StoredPassCode> passCodes = new CopyOnWriteArrayList<>();
    private final List<Pending> pending = new CopyOnWriteArrayList<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, String> outbox = new ConcurrentHashMap<>();
    private final List<Received> inbox = new CopyOnWriteArrayList<>();
    private volatile ObjectNode lastMessage;

    /**
     * @param domain    the node's configured domain
     * @param locate    maps a peer domain to its {@code .../openmsg/} base (the tests' DNS)
     * @param serverTls what this node presents
     * @param clientTls what this node trusts when calling peers
     */
    PhpReferencePeer(String domain, Function<String, URI> locate, SSLContext serverTls, SSLContext clientTls)
            throws IOException {
        this.domain = domain;
        this.locate = locate;
        this.client = HttpClient.newBuilder()
                .sslContext(clientTls)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/openmsg/auth/", exchange -> serve(exchange, this::auth));
        server.createContext("/openmsg/auth-confirm/", exchange -> serve(exchange, this::authConfirm));
        server.createContext("/openmsg/message-receive/", exchange -> serve(exchange, this::messageReceive));
        server.createContext("/openmsg/message-confirm/", exchange -> serve(exchange, this::messageConfirm));
        server.start();
    }

    URI baseUri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/openmsg/");
    }

    String address(String id) {
        return id + "*" + domain;
    }

    void addUser(String id, String name) {
        users.put(id, name);
    }

    /** request-pass-code.php: six digits from random_int(0, 9). */
    String issuePassCode(String id) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append(RANDOM.nextInt(10));
        }
        passCodes.add(new StoredPassCode(address(id), code.toString(), now()));
        return code.toString();
    }

    List<Connection> connections() {
        return List.copyOf(connections);
    }

    List<Received> inbox() {
        return List.copyOf(inbox);
    }

    /** Reproduces digest §11.3: the insert fails silently, so the acceptor keeps no connection. */
    void loseConnections() {
        connections.clear();
    }

    // ---- sending side (initiate-handshake.php, send-message.php) -------------------------------------

    /** initiate-handshake.php; returns the acceptor's answer. */
    JsonNode initiateHandshake(String selfId, String otherAddress, String passCode) throws IOException {
        String self = address(selfId);
        String passcodeHash = sha256Hex(passCode + self + otherAddress);
        pending.add(new Pending(otherAddress, passcodeHash, now()));
        ObjectNode request = JSON.createObjectNode()
                .put("receiving_openmsg_address_id", otherAddress.substring(0, otherAddress.indexOf('*')))
                .put("pass_code", passCode)
                .put("sending_openmsg_address", self)
                .put("sending_openmsg_address_name", users.get(selfId))
                .put("sending_allow_replies", true)
                .put("openmsg_version", 1);
        JsonNode answer = post(domainOf(otherAddress), "auth/", request);
        if (answer.path("success").asBoolean(false)) {
            connections.removeIf(c -> c.self().equals(self) && c.other().equals(otherAddress));
            connections.add(new Connection(
                    self,
                    otherAddress,
                    answer.path("receiving_openmsg_address_name").asText(),
                    answer.path("auth_code").asText(),
                    answer.path("ident_code").asText(),
                    answer.path("message_crypt_key").asText()));
        }
        return answer;
    }

    /** send-message.php; returns the recipient's answer. */
    JsonNode sendMessage(String selfId, String otherAddress, String text) throws IOException {
        String self = address(selfId);
        Connection connection = connections.stream()
                .filter(c -> c.self().equals(self) && c.other().equals(otherAddress))
                .findFirst()
                .orElseThrow();
        byte[] nonce = random(24);
        byte[] box = SecretBox.seal(
                SymmetricKey.of(HEX.parseHex(connection.key())), nonce, text.getBytes(StandardCharsets.UTF_8));
        byte[] packageBytes = new byte[nonce.length + box.length];
        System.arraycopy(nonce, 0, packageBytes, 0, nonce.length);
        System.arraycopy(box, 0, packageBytes, nonce.length, box.length);
        String messagePackage = base64UrlNoPad(packageBytes);
        String salt = HEX.formatHex(random(16));
        long timestamp = now();
        String hash = sha256Hex(messagePackage + connection.authCode() + salt + timestamp);
        outbox.put(hash, base64UrlNoPad(nonce));
        ObjectNode request = JSON.createObjectNode()
                .put("receiving_openmsg_address_id", otherAddress.substring(0, otherAddress.indexOf('*')))
                .put("ident_code", connection.identCode())
                .put("message_package", messagePackage)
                .put("message_hash", hash)
                .put("message_salt", salt)
                .put("message_timestamp", timestamp)
                .putNull("sending_openmsg_address_name")
                .put("openmsg_version", 1);
        request.putObject("verified_account")
                .putNull("verified_account_signature")
                .putNull("verified_account_name")
                .putNull("verified_account_expires");
        lastMessage = request;
        return post(domainOf(otherAddress), "message-receive/", request);
    }

    /**
     * Posts the last message body again, as an eavesdropper or a retrying proxy would. The outbox row
     * is still there (the reference never ages it), so its message-confirm still says yes.
     */
    JsonNode replayLastMessage(String otherAddress) throws IOException {
        return post(domainOf(otherAddress), "message-receive/", lastMessage);
    }

    // ---- the four endpoints ---------------------------------------------------------------------------

    private String auth(JsonNode in) throws IOException {
        String receivingId = in.path("receiving_openmsg_address_id").asText("");
        String passCode = in.path("pass_code").asText("");
        String other = in.path("sending_openmsg_address").asText("");
        String otherName = in.path("sending_openmsg_address_name").asText("");
        if (receivingId.isEmpty() || passCode.isEmpty() || other.isEmpty() || otherName.isEmpty()) {
            return "{\"error\":true,\"error_message\":\"fields cannot be blank\"}";
        }
        String self = address(receivingId);
        String passcodeHash = sha256Hex(passCode + other + self);
        StoredPassCode code = passCodes.stream()
                .filter(c -> c.selfAddress().equals(self) && c.code().equals(passCode))
                .findFirst()
                .orElse(null);
        if (code == null) {
            return "{\"error\":true,\"error_message\":\"pass code not valid\"}";
        }
        if (now() - code.timestamp() > 3600) {
            return "{\"error\":true,\"error_message\":\"expired pass code, over 1 hour old\"}";
        }
        passCodes.remove(code);
        ObjectNode confirm =
                JSON.createObjectNode().put("receiving_openmsg_address", self).put("passcode_hash", passcodeHash);
        JsonNode confirmed = post(domainOf(other), "auth-confirm/", confirm);
        if (confirmed.path("error").asBoolean(false)
                || !confirmed.path("success").asBoolean(false)) {
            return "{\"error\":true,\"error_message\":\"Error: "
                    + confirmed.path("error_message").asText() + "\"}";
        }
        String identCode = connections.stream()
                .filter(c -> c.self().equals(self) && c.other().equals(other))
                .map(Connection::identCode)
                .findFirst()
                .orElse(HEX.formatHex(random(32)));
        Connection connection =
                new Connection(self, other, otherName, HEX.formatHex(random(32)), identCode, HEX.formatHex(random(32)));
        connections.removeIf(c -> c.self().equals(self) && c.other().equals(other));
        connections.add(connection);
        return JSON.writeValueAsString(JSON.createObjectNode()
                .put("success", true)
                .put("auth_code", connection.authCode())
                .put("ident_code", connection.identCode())
                .put("message_crypt_key", connection.key())
                .put("receiving_openmsg_address_name", users.get(receivingId)));
    }

    private String authConfirm(JsonNode in) {
        String other = in.path("receiving_openmsg_address").asText("");
        String passcodeHash = in.path("passcode_hash").asText("");
        Pending match = pending.stream()
                .filter(p -> p.otherAddress().equals(other) && p.passcodeHash().equals(passcodeHash))
                .findFirst()
                .orElse(null);
        if (match == null) {
            return "{\"error\":true,\"error_message\":\"unknown pending authorization with " + other + ", "
                    + passcodeHash + "\"}";
        }
        if (now() - match.timestamp() > 60) {
            return "{\"error\":true,\"error_message\":\"expired handshake, over 60 seconds old\"}";
        }
        pending.remove(match);
        return "{\"success\":true}";
    }

    private String messageReceive(JsonNode in) throws IOException {
        String receivingId = in.path("receiving_openmsg_address_id").asText("");
        String identCode = in.path("ident_code").asText("");
        String messagePackage = in.path("message_package").asText("");
        String hash = in.path("message_hash").asText("");
        String salt = in.path("message_salt").asText("");
        String timestamp = in.path("message_timestamp").asText("");
        if (receivingId.isEmpty()
                || identCode.isEmpty()
                || messagePackage.isEmpty()
                || hash.isEmpty()
                || salt.isEmpty()
                || timestamp.isEmpty()) {
            return messageError("SM_E000", "message_data_missing", "message data missing");
        }
        String self = address(receivingId);
        Connection connection = connections.stream()
                .filter(c -> c.self().equals(self) && c.identCode().equals(identCode))
                .findFirst()
                .orElse(null);
        if (connection == null) {
            return messageError("SM_E001", "ident_code_invalid", "ident_code not valid");
        }
        if (!sha256Hex(messagePackage + connection.authCode() + salt + timestamp)
                .equals(hash)) {
            return messageError("SM_E004", "message_hash_invalid", "message hash not valid");
        }
        if (Long.parseLong(timestamp) + 60 < now()) {
            return messageError("SM_E005", "message_expired", "message expired");
        }
        byte[] packageBytes = Base64.getUrlDecoder().decode(messagePackage);
        byte[] nonce = java.util.Arrays.copyOfRange(packageBytes, 0, 24);
        byte[] box = java.util.Arrays.copyOfRange(packageBytes, 24, packageBytes.length);
        ObjectNode confirm =
                JSON.createObjectNode().put("message_hash", hash).put("message_nonce", base64UrlNoPad(nonce));
        JsonNode confirmed = post(domainOf(connection.other()), "message-confirm/", confirm);
        if (confirmed.path("error").asBoolean(false)) {
            return messageError(confirmed.path("response_code").asText("SM_E000"), "", "confirmation failed");
        }
        if (!confirmed.path("success").asBoolean(false)) {
            return messageError("SM_E000", "", "confirmation failed");
        }
        String text;
        try {
            text = new String(
                    SecretBox.open(SymmetricKey.of(HEX.parseHex(connection.key())), nonce, box),
                    StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return messageError("SM_E006", "message_decryption_error", "message could not be decrypted");
        }
        inbox.add(new Received(self, identCode, hash, text));
        return "{\"success\":true,\"response_code\":\"SM_S888\"}";
    }

    private String messageConfirm(JsonNode in) {
        String hash = in.path("message_hash").asText("");
        String nonce = in.path("message_nonce").asText("");
        if (hash.isEmpty() || nonce.isEmpty()) {
            return messageError("SM_E000", "message_data_missing", "message data missing");
        }
        if (!nonce.equals(outbox.get(hash))) {
            return messageError("SM_E003", "message_unknown", "message unknown");
        }
        return "{\"success\":true}";
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Endpoint {
        String answer(JsonNode request) throws IOException;
    }

    private static void serve(HttpExchange exchange, Endpoint endpoint) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            byte[] body = (LEAKED_PREFIX + endpoint.answer(request)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private JsonNode post(String peerDomain, String endpoint, ObjectNode body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(locate.apply(peerDomain).resolve(endpoint))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body().strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String messageError(String responseCode, String errorCode, String message) {
        return "{\"error\":true,\"response_code\":\"" + responseCode + "\",\"error_code\":\"" + errorCode
                + "\",\"error_message\":\"" + message + "\"}";
    }

    private static String domainOf(String address) {
        return address.substring(address.indexOf('*') + 1);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String base64UrlNoPad(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
