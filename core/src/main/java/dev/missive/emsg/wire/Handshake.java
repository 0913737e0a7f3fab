package dev.missive.emsg.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.EmsgVersion;

/**
 * The connecting side of the ESMP handshake ({@code docs/emsg.md}, "Authentication"): reading the
 * server's {@code hello} and building the signed {@code auth} and {@code register} lines, each bound to
 * the server's domain and its single-use challenge.
 */
public final class Handshake {

    /**
     * What the server said in its {@code hello}.
     *
     * @param domain    the server's domain
     * @param challenge the challenge to sign
     * @param version   the server's version
     */
    public record ServerHello(String domain, String challenge, EmsgVersion version) {}

    private Handshake() {}

    /**
     * Reads the server's answer to our {@code hello}.
     *
     * @param line the line
     * @return the hello
     * @throws EmsgException the server's error (e.g. {@code 505}), {@code 505} if its MAJOR differs, or
     *     {@code 400} if the line is not a server hello
     */
    public static ServerHello readServerHello(String line) throws EmsgException {
        ObjectNode node = EmsgJson.parseObject(line);
        String type = node.path("type").asText("");
        if ("error".equals(type)) {
            throw Frames.readError(node);
        }
        if (!"hello".equals(type)) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "expected hello");
        }
        EmsgVersion version = Frames.checkHello(node);
        String domain = EmsgJson.requiredText(node, "domain");
        String challenge = EmsgJson.requiredText(node, "challenge");
        try {
            return new ServerHello(EmsgAddress.checkDomain(domain), challenge, version);
        } catch (IllegalArgumentException e) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "server hello names no valid domain");
        }
    }

    /**
     * A client's {@code auth} line.
     *
     * @param address the user
     * @param hello   the server's hello
     * @param key     the user's key
     * @return the signed line
     */
    public static String clientAuth(EmsgAddress address, ServerHello hello, EmsgSigningKey key) {
        ObjectNode auth = binding("auth", hello);
        auth.put("address", address.toString());
        return Signatures.sign(auth, key);
    }

    /**
     * A server's {@code auth} line, signed with its domain key.
     *
     * @param domain    our domain
     * @param hello     the peer's hello
     * @param domainKey our domain key
     * @return the signed line
     */
    public static String serverAuth(String domain, ServerHello hello, EmsgSigningKey domainKey) {
        ObjectNode auth = binding("auth", hello);
        auth.put("domain", domain);
        return Signatures.sign(auth, domainKey);
    }

    /**
     * A {@code register} line: the new key signs its own registration.
     *
     * @param address the address to create
     * @param hello   the server's hello
     * @param key     the account's first key
     * @return the signed line
     */
    public static String register(EmsgAddress address, ServerHello hello, EmsgSigningKey key) {
        ObjectNode register = binding("register", hello);
        register.put("address", address.toString());
        register.set("key", Frames.key(key.publicKey()));
        return Signatures.sign(register, key);
    }

    private static ObjectNode binding(String type, ServerHello hello) {
        ObjectNode node = EmsgJson.object();
        node.put("type", type);
        node.put("server", hello.domain());
        node.put("challenge", hello.challenge());
        return node;
    }

    /**
     * Reads the answer to {@code auth} or {@code register}.
     *
     * @param line the line
     * @throws EmsgException the server's refusal, or {@code 400} if the line is not {@code ok}
     */
    public static void readOk(String line) throws EmsgException {
        ObjectNode node = EmsgJson.parseObject(line);
        String type = node.path("type").asText("");
        if ("error".equals(type)) {
            throw Frames.readError(node);
        }
        if (!"ok".equals(type)) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "expected ok");
        }
    }
}
