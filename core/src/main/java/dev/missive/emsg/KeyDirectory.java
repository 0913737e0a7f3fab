package dev.missive.emsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.MessageSignature;
import dev.missive.emsg.spi.Account;
import dev.missive.emsg.wire.EmsgJson;
import dev.missive.emsg.wire.Frames;
import dev.missive.emsg.wire.Signatures;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where verifying keys come from, never from the message itself: local accounts from the account
 * store, {@code system#domain} from the domain's key (ours, or a peer's pinned on first use), remote
 * users from their home server's {@code keys} answer signed with that server's domain key.
 */
final class KeyDirectory {

    /** Most remote users whose keys are cached. */
    private static final int CACHE_LIMIT = 10_000;

    private record Cached(List<EmsgPublicKey> keys, Instant until) {}

    private final EmsgServer server;
    private final ConcurrentHashMap<EmsgAddress, Cached> remote = new ConcurrentHashMap<>();

    KeyDirectory(EmsgServer server) {
        this.server = server;
    }

    /**
     * The key that must have made {@code signature} for {@code signer}.
     *
     * @throws EmsgException {@code 404} unknown signer, {@code 460} unknown key id, {@code 503} home
     *     server unreachable
     */
    EmsgPublicKey keyOf(EmsgAddress signer, MessageSignature signature) throws EmsgException {
        if (signer.isSystem()) {
            EmsgPublicKey key = domainKey(signer.domain());
            if (!key.kid().equals(signature.kid())) {
                throw new EmsgException(EmsgError.BAD_SIGNATURE, "unknown domain key id");
            }
            return key;
        }
        if (signer.domain().equals(server.domain)) {
            Account account = server.knownAccounts
                    .findWithKey(signer, signature.kid())
                    .orElseThrow(() -> new EmsgException(EmsgError.NOT_FOUND, "unknown sender"));
            return account.key(signature.kid())
                    .orElseThrow(() -> new EmsgException(EmsgError.BAD_SIGNATURE, "unknown key id"));
        }
        Instant now = server.clock.now();
        Cached cached = remote.get(signer);
        if (cached != null && cached.until.isAfter(now)) {
            Optional<EmsgPublicKey> key = find(cached.keys, signature.kid());
            if (key.isPresent()) {
                return key.get();
            }
        }
        // Unknown kid or stale cache: ask the home server (the user may have added a key).
        List<EmsgPublicKey> keys = fetchUserKeys(signer);
        if (remote.size() >= CACHE_LIMIT) {
            remote.clear();
        }
        remote.put(signer, new Cached(keys, now.plus(server.config.remoteKeyCacheTtl())));
        return find(keys, signature.kid())
                .orElseThrow(() -> new EmsgException(EmsgError.BAD_SIGNATURE, "unknown key id"));
    }

    private static Optional<EmsgPublicKey> find(List<EmsgPublicKey> keys, String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    private List<EmsgPublicKey> fetchUserKeys(EmsgAddress address) throws EmsgException {
        String line;
        try {
            line = server.transport.fetchUserKeys(address);
        } catch (IOException e) {
            throw new EmsgException(EmsgError.UNAVAILABLE, "sender's home server unreachable");
        }
        ObjectNode reply = replyOf(line, "keys");
        EmsgPublicKey domainKey = domainKey(address.domain());
        MessageSignature signature = Signatures.read(reply);
        if (!Signatures.verify(reply, signature, domainKey)
                || !address.toString().equals(EmsgJson.optionalText(reply, "address"))) {
            throw new EmsgException(EmsgError.BAD_SIGNATURE, "key answer not signed by the sender's domain");
        }
        JsonNode keyNodes = reply.get("keys");
        if (keyNodes == null || !keyNodes.isArray() || keyNodes.size() > 16) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "malformed key answer");
        }
        List<EmsgPublicKey> keys = new ArrayList<>();
        for (int i = 0; i < keyNodes.size(); i++) {
            keys.add(Frames.readKey(keyNodes.get(i), "$.keys[" + i + "]"));
        }
        return keys;
    }

    /**
     * The domain key of {@code domain}: ours, the pinned one, or fetched from the domain and pinned.
     *
     * @throws EmsgException {@code 503} if it must be fetched and the peer is unreachable
     */
    EmsgPublicKey domainKey(String domain) throws EmsgException {
        if (domain.equals(server.domain)) {
            return server.domainKey.publicKey();
        }
        Optional<EmsgPublicKey> pinned = server.accounts.pinnedDomainKey(domain);
        if (pinned.isPresent()) {
            return pinned.get();
        }
        String line;
        try {
            line = server.transport.fetchDomainKey(domain);
        } catch (IOException e) {
            throw new EmsgException(EmsgError.UNAVAILABLE, "peer domain unreachable");
        }
        ObjectNode reply = replyOf(line, "domain_key");
        if (!domain.equals(EmsgJson.optionalText(reply, "domain"))) {
            throw new EmsgException(EmsgError.FORBIDDEN, "domain key answer for another domain");
        }
        EmsgPublicKey key = Frames.readKey(reply.get("key"), "$.key");
        Instant now = server.clock.now();
        if (server.accounts.pinDomainKey(domain, key, now)) {
            server.emit(new EmsgEvent.DomainKeyPinned(now, domain));
            return key;
        }
        // Another session pinned first: the pinned key is the one that counts.
        return server.accounts
                .pinnedDomainKey(domain)
                .orElseThrow(() -> new EmsgException(EmsgError.INTERNAL, "pinned key vanished"));
    }

    /** The domain key answer we give: {@code {"type":"domain_key","domain":..,"key":{..}}}. */
    String domainKeyAnswer() {
        ObjectNode answer = EmsgJson.object();
        answer.put("type", "domain_key");
        answer.put("domain", server.domain);
        answer.set("key", Frames.key(server.domainKey.publicKey()));
        return EmsgJson.write(answer);
    }

    /** The keys answer for a local account, signed with our domain key. */
    String keysAnswer(EmsgAddress address) throws EmsgException {
        if (!address.domain().equals(server.domain)) {
            throw new EmsgException(EmsgError.NOT_FOUND, "not an address of this server");
        }
        Account account = server.accounts
                .find(address)
                .orElseThrow(() -> new EmsgException(EmsgError.NOT_FOUND, "unknown address"));
        ObjectNode answer = EmsgJson.object();
        answer.put("type", "keys");
        answer.put("address", account.address().toString());
        var keys = answer.putArray("keys");
        account.keys().forEach(k -> keys.add(Frames.key(k)));
        answer.put("timestamp", server.clock.now().toEpochMilli());
        return Signatures.sign(answer, server.domainKey);
    }

    /** Parses a peer's reply, turning an {@code error} reply into its exception. */
    static ObjectNode replyOf(String line, String expectedType) throws EmsgException {
        ObjectNode reply;
        try {
            reply = EmsgJson.parseObject(line == null ? "" : line);
        } catch (EmsgException e) {
            throw new EmsgException(EmsgError.UNAVAILABLE, "malformed answer from peer");
        }
        String type = EmsgJson.optionalText(reply, "type");
        if ("error".equals(type)) {
            EmsgException error = Frames.readError(reply);
            throw new EmsgException(error.error(), "peer answered: " + error.getMessage());
        }
        if (!expectedType.equals(type)) {
            throw new EmsgException(EmsgError.UNAVAILABLE, "unexpected answer from peer");
        }
        return reply;
    }
}
