package dev.missive.mesh.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshMessage;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.ServerEntry;
import dev.missive.mesh.model.SignedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Strict JSON codecs for every mesh body ({@code docs/mesh.md}, "Wire format"). Readers take a
 * size cap and accept only one JSON object with no duplicate members and nothing after it; each
 * required member must have the right JSON type and format; unknown members are ignored.
 * Timestamps are read as a JSON integer or a string of decimal digits (J2 writes a quoted
 * placeholder). Every reader throws only {@link MeshWireException}.
 */
public final class MeshJson {

    /** Most hashes a list in any request or reply may hold. */
    public static final int MAX_HASHES = 10_000;
    /** Longest origin accepted in an audience or server entry. */
    public static final int MAX_URL_LENGTH = 255;

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(16).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MeshJson() {}

    // ---- packets and messages -----------------------------------------------------------------------

    /**
     * Reads a {@code POST /send} body: {@code {recipient, message, signature, hash}}.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the decoded packet, its hash as sent (not yet verified)
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static MeshPacket decodePacket(byte[] body, int maxBytes) throws MeshWireException {
        return packet(readObject(body, maxBytes));
    }

    /**
     * Writes a packet as {@code {recipient, message, signature, hash}}.
     *
     * @param packet the packet to write
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodePacket(MeshPacket packet) {
        return write(packetNode(packet));
    }

    /**
     * Writes the message JSON padded to a size bucket: members {@code sender, salt, channel_id, type,
     * content, id, timestamp, pad} in that order, no whitespace outside strings, {@code timestamp}
     * as ISO-8601 UTC with millisecond precision and {@code Z}, {@code pad} a string of spaces so that
     * the UTF-8 length is the smallest power of two that is at least {@code minBucket} and holds the
     * message.
     *
     * @param message the message to write
     * @param minBucket the smallest padded size, in bytes (a power of two)
     * @return the padded UTF-8 JSON, whose length is a power of two and at least {@code minBucket}
     */
    public static byte[] encodeMessage(MeshMessage message, int minBucket) {
        ObjectNode node = NODES.objectNode();
        node.put("sender", message.sender());
        node.put("salt", message.salt());
        node.put("channel_id", message.channelId());
        node.put("type", message.type().name());
        node.put("content", message.content());
        node.put("id", message.id());
        node.put("timestamp", formatTimestamp(message.timestamp()));
        node.put("pad", "");
        int unpadded = write(node).length;
        int bucket = Math.max(minBucket, Integer.highestOneBit(Math.max(1, unpadded - 1)) << 1);
        node.put("pad", " ".repeat(bucket - unpadded));
        return write(node);
    }

    /**
     * Reads the message JSON (the {@code pad} member, if any, is ignored).
     *
     * @param json the decrypted message JSON
     * @param maxBytes the largest message accepted, in bytes
     * @return the decoded message
     * @throws MeshWireException with {@code TOO_LARGE} if the JSON exceeds {@code maxBytes}, or {@code MALFORMED} if a member is missing, the type is unknown or the timestamp is not ISO-8601 UTC
     */
    public static MeshMessage decodeMessage(byte[] json, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(json, maxBytes);
        String typeName = requiredString(root, "type");
        MessageType type = MessageType.fromWire(typeName)
                .orElseThrow(() -> new MeshWireException(MeshError.MALFORMED, "type is not a known message type"));
        String timestamp = requiredString(root, "timestamp");
        Instant at;
        try {
            at = Instant.parse(timestamp);
        } catch (DateTimeException e) {
            throw new MeshWireException(MeshError.MALFORMED, "timestamp is not ISO-8601 UTC");
        }
        return new MeshMessage(
                requiredString(root, "sender"),
                requiredString(root, "salt"),
                requiredString(root, "channel_id"),
                type,
                requiredString(root, "content"),
                requiredString(root, "id"),
                at);
    }

    /**
     * Writes the inner signature JSON {@code {"signature": base64}}.
     *
     * @param base64Signature the signature, base64-encoded
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeSignature(String base64Signature) {
        ObjectNode node = NODES.objectNode();
        node.put("signature", base64Signature);
        return write(node);
    }

    /**
     * Reads the inner signature JSON and returns the base64 signature.
     *
     * @param json the inner signature JSON
     * @param maxBytes the largest JSON accepted, in bytes
     * @return the base64 signature, not yet decoded or verified
     * @throws MeshWireException with {@code TOO_LARGE} if the JSON exceeds {@code maxBytes}, or {@code MALFORMED} if it has no {@code signature} string
     */
    public static String decodeSignature(byte[] json, int maxBytes) throws MeshWireException {
        return requiredString(readObject(json, maxBytes), "signature");
    }

    /**
     * ISO-8601 UTC with millisecond precision and {@code Z}, e.g. {@code 2024-06-15T12:34:56.000Z}.
     *
     * @param instant the instant to format; sub-millisecond precision is truncated
     * @return the formatted timestamp
     */
    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    // ---- signed requests ----------------------------------------------------------------------------

    /**
     * Reads the signed-request members of {@code body} ({@code recipient}, {@code timestamp},
     * {@code signed_timestamp}, {@code nonce}, {@code audience}, and {@code hashes} when
     * {@code withHashes}) for {@code purpose}.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @param purpose the endpoint the request is for; it decides whether {@code hashes} is read and which label the signature covers
     * @return the decoded request, its signature not yet verified
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static SignedRequest decodeSignedRequest(byte[] body, int maxBytes, RequestPurpose purpose)
            throws MeshWireException {
        return signedRequest(readObject(body, maxBytes), purpose);
    }

    /**
     * Writes a signed request (client or server) with J2 member names plus {@code nonce} and {@code audience}.
     *
     * @param request the request to write
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeSignedRequest(SignedRequest request) {
        return write(signedRequestNode(request));
    }

    /**
     * Reads a {@code POST /fetch/by_hash} body.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the decoded request, its signature not yet verified
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static FetchByHashRequest decodeFetchByHash(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(body, maxBytes);
        Optional<ServerEntry> from =
                root.has("from") ? Optional.of(serverEntry(requiredObject(root, "from"))) : Optional.empty();
        return new FetchByHashRequest(from, signedRequest(root, RequestPurpose.FETCH_BY_HASH));
    }

    /**
     * Writes a {@code POST /fetch/by_hash} body.
     *
     * @param request the request to write
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeFetchByHash(FetchByHashRequest request) {
        ObjectNode node = signedRequestNode(request.auth());
        request.from().ifPresent(from -> node.set("from", serverEntryNode(from)));
        return write(node);
    }

    /**
     * Writes the answer to {@code POST /send}: {@code {"hash": hex}}.
     *
     * @param hash the hash of the stored packet
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeSendReply(PacketHash hash) {
        ObjectNode node = NODES.objectNode();
        node.put("hash", hash.hex());
        return write(node);
    }

    /**
     * Writes the answer to {@code POST /discard}: {@code {"discarded": n}}.
     *
     * @param discarded how many packets were discarded
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeDiscardReply(int discarded) {
        ObjectNode node = NODES.objectNode();
        node.put("discarded", discarded);
        return write(node);
    }

    /**
     * Reads the {@code error} code of an error body, if it has one.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the error code, or empty if the body is too large, not JSON, or has no known {@code error} code
     */
    public static Optional<MeshError> decodeError(byte[] body, int maxBytes) {
        try {
            JsonNode error = readObject(body, maxBytes).get("error");
            if (error == null || !error.isTextual()) {
                return Optional.empty();
            }
            for (MeshError candidate : MeshError.values()) {
                if (candidate.code().equals(error.textValue())) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        } catch (MeshWireException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes a D0 retrieval body {@code {"public_key", "signature"}}.
     *
     * @param publicKey the recipient's public key as sent on the wire
     * @param signature the recipient's signature proving it holds the key
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeD0Fetch(String publicKey, String signature) {
        ObjectNode node = NODES.objectNode();
        node.put("public_key", publicKey);
        node.put("signature", signature);
        return write(node);
    }

    /**
     * Writes a J1 retrieval body {@code {"recipient"}}.
     *
     * @param recipient the recipient whose packets are asked for
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeJ1Fetch(String recipient) {
        ObjectNode node = NODES.objectNode();
        node.put("recipient", recipient);
        return write(node);
    }

    // ---- fetch --------------------------------------------------------------------------------------

    /**
     * Reads a J1/D0 {@code POST /fetch} body.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the request, holding exactly one of recipient, hashes or public key with signature
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object holding {@code recipient}, {@code hashes} or {@code public_key}
     */
    public static LegacyFetchRequest decodeLegacyFetch(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(body, maxBytes);
        if (root.has("public_key")) {
            return new LegacyFetchRequest(
                    Optional.empty(),
                    List.of(),
                    Optional.of(requiredString(root, "public_key")),
                    Optional.of(requiredString(root, "signature")));
        }
        if (root.has("recipient")) {
            return new LegacyFetchRequest(
                    Optional.of(requiredString(root, "recipient")), List.of(), Optional.empty(), Optional.empty());
        }
        if (root.has("hashes")) {
            return new LegacyFetchRequest(Optional.empty(), hashes(root, "hashes"), Optional.empty(), Optional.empty());
        }
        throw new MeshWireException(MeshError.MALFORMED, "recipient, hashes or public_key is required");
    }

    /**
     * Writes a fetch answer.
     *
     * @param reply the packets and the {@code more} flag to write
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeFetchReply(FetchReply reply) {
        ObjectNode node = NODES.objectNode();
        ArrayNode messages = node.putArray("messages");
        reply.messages().forEach(p -> messages.add(packetNode(p)));
        node.put("more", reply.more());
        return write(node);
    }

    /**
     * Reads a fetch answer ({@code more} defaults to false: J1 servers do not send it).
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the packets ({@code null} elements skipped) and whether more are waiting
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static FetchReply decodeFetchReply(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(body, maxBytes);
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new MeshWireException(MeshError.MALFORMED, "messages must be an array");
        }
        List<MeshPacket> packets = new ArrayList<>();
        for (JsonNode element : messages) {
            // server-node answers null for unknown hashes
            if (element.isNull()) {
                continue;
            }
            if (!element.isObject()) {
                throw new MeshWireException(MeshError.MALFORMED, "messages must hold objects");
            }
            packets.add(packet(element));
        }
        JsonNode more = root.get("more");
        return new FetchReply(packets, more != null && more.isBoolean() && more.booleanValue());
    }

    // ---- sync ---------------------------------------------------------------------------------------

    /**
     * Reads a {@code POST /sync/hashes} body.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the decoded request, its signature not yet verified
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static SyncHashesRequest decodeSyncHashes(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(body, maxBytes);
        ServerEntry from = serverEntry(requiredObject(root, "from"));
        SignedRequest auth = signedRequest(root, RequestPurpose.SYNC_HASHES);
        Optional<PacketHash> after = optionalHash(root, "after");
        JsonNode complete = root.get("complete");
        if (complete == null || !complete.isBoolean()) {
            throw new MeshWireException(MeshError.MALFORMED, "complete must be a boolean");
        }
        return new SyncHashesRequest(from, auth, after, auth.hashes(), complete.booleanValue());
    }

    /**
     * Writes a {@code POST /sync/hashes} body.
     *
     * @param request the request to write
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeSyncHashes(SyncHashesRequest request) {
        ObjectNode node = signedRequestNode(request.auth());
        node.set("from", serverEntryNode(request.from()));
        node.put("after", request.after().map(PacketHash::hex).orElse(null));
        node.put("complete", request.complete());
        return write(node);
    }

    /**
     * Writes the answer to {@code POST /sync/hashes}.
     *
     * @param reply the reply to write
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeSyncHashesReply(SyncHashesReply reply) {
        ObjectNode node = NODES.objectNode();
        hashArray(node.putArray("missing"), reply.missing());
        hashArray(node.putArray("wanted"), reply.wanted());
        tombstoneArray(node.putArray("tombstones"), reply.tombstones());
        node.put("next", reply.next().map(PacketHash::hex).orElse(null));
        return write(node);
    }

    /**
     * Reads the answer to {@code POST /sync/hashes}.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the missing and wanted hashes, tombstones and the cursor for the next page
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static SyncHashesReply decodeSyncHashesReply(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(body, maxBytes);
        return new SyncHashesReply(
                hashes(root, "missing"), hashes(root, "wanted"), tombstones(root), optionalHash(root, "next"));
    }

    /**
     * Reads a {@code POST /sync/push} body.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the decoded request, its signature not yet verified
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if a member is missing or there are more than 10000 packets
     */
    public static SyncPushRequest decodeSyncPush(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(body, maxBytes);
        ServerEntry from = serverEntry(requiredObject(root, "from"));
        SignedRequest auth = signedRequest(root, RequestPurpose.SYNC_PUSH);
        JsonNode packets = root.get("packets");
        if (packets == null || !packets.isArray() || packets.size() > MAX_HASHES) {
            throw new MeshWireException(MeshError.MALFORMED, "packets must be an array of at most 10000");
        }
        List<MeshPacket> list = new ArrayList<>();
        for (JsonNode element : packets) {
            if (!element.isObject()) {
                throw new MeshWireException(MeshError.MALFORMED, "packets must hold objects");
            }
            list.add(packet(element));
        }
        return new SyncPushRequest(from, auth, list, tombstones(root));
    }

    /**
     * Writes a {@code POST /sync/push} body.
     *
     * @param request the request to write
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeSyncPush(SyncPushRequest request) {
        ObjectNode node = signedRequestNode(request.auth());
        node.set("from", serverEntryNode(request.from()));
        ArrayNode packets = node.putArray("packets");
        request.packets().forEach(p -> packets.add(packetNode(p)));
        tombstoneArray(node.putArray("tombstones"), request.tombstones());
        return write(node);
    }

    /**
     * Writes the answer to {@code POST /sync/push}: the hashes the server now holds or tombstoned.
     *
     * @param accepted the hashes the server holds or has tombstoned
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeAccepted(Collection<PacketHash> accepted) {
        ObjectNode node = NODES.objectNode();
        hashArray(node.putArray("accepted"), accepted);
        return write(node);
    }

    /**
     * Reads the answer to {@code POST /sync/push}.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the accepted hashes
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static List<PacketHash> decodeAccepted(byte[] body, int maxBytes) throws MeshWireException {
        return hashes(readObject(body, maxBytes), "accepted");
    }

    // ---- server lists, status, version, peers ------------------------------------------------------

    /**
     * Writes {@code {"servers": [entry...]}}.
     *
     * @param entries the signed server entries to list
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeServerList(List<ServerEntry> entries) {
        ObjectNode node = NODES.objectNode();
        ArrayNode servers = node.putArray("servers");
        entries.forEach(e -> servers.add(serverEntryNode(e)));
        return write(node);
    }

    /**
     * Reads {@code {"servers": [...]}}: signed entries; J1 entries ({@code {ip, port}}) and other
     * malformed elements are skipped, not fatal, so one bad entry cannot hide the others.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the well-formed signed entries, at most 1000, their signatures not yet verified
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it has no {@code servers} array
     */
    public static List<ServerEntry> decodeServerList(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(body, maxBytes);
        JsonNode servers = root.get("servers");
        if (servers == null || !servers.isArray()) {
            throw new MeshWireException(MeshError.MALFORMED, "servers must be an array");
        }
        List<ServerEntry> entries = new ArrayList<>();
        for (JsonNode element : servers) {
            if (entries.size() >= 1000) {
                break;
            }
            try {
                if (element.isObject()) {
                    entries.add(serverEntry(element));
                }
            } catch (MeshWireException skipped) {
                // a J1 {ip, port} entry or a broken one: not signed, so not usable
            }
        }
        return entries;
    }

    /**
     * Writes {@code {"load": n, "packets": n}}: the load figure (requests per minute) and the live packet count.
     *
     * @param load the server's load, in requests per minute
     * @param packets the number of live packets the server holds
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeStatus(long load, long packets) {
        ObjectNode node = NODES.objectNode();
        node.put("load", load);
        node.put("packets", packets);
        return write(node);
    }

    /**
     * Reads the load figure of a {@code GET /status} answer.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the load, in requests per minute
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if {@code load} is not a non-negative integer
     */
    public static long decodeStatusLoad(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode load = readObject(body, maxBytes).get("load");
        if (load == null || !load.isIntegralNumber() || !load.canConvertToLong() || load.longValue() < 0) {
            throw new MeshWireException(MeshError.MALFORMED, "load must be a non-negative integer");
        }
        return load.longValue();
    }

    /**
     * Writes {@code {"profiles": [...], "origin": ..., "key": ...}}.
     *
     * @param info the profiles, origin and optional key to write
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeVersion(VersionInfo info) {
        ObjectNode node = NODES.objectNode();
        ArrayNode profiles = node.putArray("profiles");
        info.profiles().forEach(p -> profiles.add(p.wireName()));
        node.put("origin", info.origin());
        info.key().ifPresent(k -> node.put("key", k));
        return write(node);
    }

    /**
     * Reads a {@code GET /version} answer; unknown profile names are skipped.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the known profiles, the origin and the key if present
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static VersionInfo decodeVersion(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode root = readObject(body, maxBytes);
        JsonNode profiles = root.get("profiles");
        if (profiles == null || !profiles.isArray()) {
            throw new MeshWireException(MeshError.MALFORMED, "profiles must be an array");
        }
        List<MeshProfile> list = new ArrayList<>();
        for (JsonNode element : profiles) {
            if (element.isTextual()) {
                MeshProfile.fromWireName(element.textValue()).ifPresent(list::add);
            }
        }
        JsonNode key = root.get("key");
        return new VersionInfo(
                list,
                requiredString(root, "origin"),
                key != null && key.isTextual() ? Optional.of(key.textValue()) : Optional.empty());
    }

    /**
     * Writes {@code {"peers": [{url, key, score, status, last_sync}]}}.
     *
     * @param peers the peers to list
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodePeers(List<PeerView> peers) {
        ObjectNode node = NODES.objectNode();
        ArrayNode array = node.putArray("peers");
        for (PeerView peer : peers) {
            ObjectNode row = array.addObject();
            row.put("url", peer.url());
            row.put("key", peer.key().orElse(null));
            row.put("score", peer.score());
            row.put("status", peer.status());
            row.put("last_sync", peer.lastSync().orElse(null));
        }
        return write(node);
    }

    /**
     * Reads a {@code GET /peers} answer.
     *
     * @param body the UTF-8 JSON body as received; {@code null} is rejected
     * @param maxBytes the largest body accepted, in bytes
     * @return the peers as reported by the server
     * @throws MeshWireException with {@code TOO_LARGE} if the body exceeds {@code maxBytes}, or {@code MALFORMED} if it is not a JSON object with the required members
     */
    public static List<PeerView> decodePeers(byte[] body, int maxBytes) throws MeshWireException {
        JsonNode peers = readObject(body, maxBytes).get("peers");
        if (peers == null || !peers.isArray()) {
            throw new MeshWireException(MeshError.MALFORMED, "peers must be an array");
        }
        List<PeerView> views = new ArrayList<>();
        for (JsonNode row : peers) {
            if (!row.isObject()) {
                throw new MeshWireException(MeshError.MALFORMED, "peers must hold objects");
            }
            JsonNode key = row.get("key");
            JsonNode score = row.get("score");
            JsonNode lastSync = row.get("last_sync");
            if (score == null || !score.isIntegralNumber() || !score.canConvertToInt()) {
                throw new MeshWireException(MeshError.MALFORMED, "score must be an integer");
            }
            views.add(new PeerView(
                    requiredString(row, "url"),
                    key != null && key.isTextual() ? Optional.of(key.textValue()) : Optional.empty(),
                    score.intValue(),
                    requiredString(row, "status"),
                    lastSync != null && lastSync.canConvertToLong() && lastSync.isIntegralNumber()
                            ? Optional.of(lastSync.longValue())
                            : Optional.empty()));
        }
        return views;
    }

    /**
     * Writes an error body {@code {"error": code}}.
     *
     * @param error the error whose code is written
     * @return the UTF-8 JSON bytes
     */
    public static byte[] encodeError(MeshError error) {
        ObjectNode node = NODES.objectNode();
        node.put("error", error.code());
        return write(node);
    }

    /**
     * Writes the proof of a tombstone (a signed discard request) as stored text.
     *
     * @param proof the signed discard request
     * @return the proof as JSON text, with its {@code purpose} label
     */
    public static String encodeProof(SignedRequest proof) {
        ObjectNode node = signedRequestNode(proof);
        node.put("purpose", proof.purpose().label());
        return new String(write(node), StandardCharsets.UTF_8);
    }

    /**
     * Reads stored or forwarded proof text written by {@link #encodeProof}.
     *
     * @param json proof text as written by {@link #encodeProof}
     * @return the signed request, its signature not yet verified
     * @throws MeshWireException if the text is over 1 MiB, not a JSON object, or lacks a required member
     */
    public static SignedRequest decodeProof(String json) throws MeshWireException {
        return proof(readObject(json.getBytes(StandardCharsets.UTF_8), 1 << 20));
    }

    // ---- members ------------------------------------------------------------------------------------

    private static MeshPacket packet(JsonNode node) throws MeshWireException {
        String hash = requiredString(node, "hash");
        if (!PacketHash.isValid(hash)) {
            throw new MeshWireException(MeshError.MALFORMED, "hash must be 64 lower-case hex digits");
        }
        return new MeshPacket(
                requiredString(node, "recipient"),
                requiredString(node, "message"),
                requiredString(node, "signature"),
                new PacketHash(hash));
    }

    private static ObjectNode packetNode(MeshPacket packet) {
        ObjectNode node = NODES.objectNode();
        node.put("recipient", packet.recipient());
        node.put("message", packet.message());
        node.put("signature", packet.signature());
        node.put("hash", packet.hash().hex());
        return node;
    }

    private static SignedRequest signedRequest(JsonNode root, RequestPurpose purpose) throws MeshWireException {
        String nonce = requiredString(root, "nonce");
        if (nonce.length() != 32 || !PacketHash.isValid(nonce + nonce)) {
            throw new MeshWireException(MeshError.MALFORMED, "nonce must be 32 lower-case hex digits");
        }
        String audience = requiredString(root, "audience");
        if (audience.isEmpty() || audience.length() > MAX_URL_LENGTH) {
            throw new MeshWireException(MeshError.MALFORMED, "audience must be 1 to 255 characters");
        }
        List<PacketHash> hashes = root.has("hashes") ? hashes(root, "hashes") : List.of();
        return new SignedRequest(
                purpose,
                audience,
                requiredString(root, "recipient"),
                Instant.ofEpochMilli(millis(root, "timestamp")),
                nonce,
                hashes,
                requiredString(root, "signed_timestamp"));
    }

    private static SignedRequest proof(JsonNode node) throws MeshWireException {
        String label = requiredString(node, "purpose");
        RequestPurpose purpose = RequestPurpose.fromLabel(label)
                .orElseThrow(() -> new MeshWireException(MeshError.MALFORMED, "purpose is unknown"));
        return signedRequest(node, purpose);
    }

    private static ObjectNode signedRequestNode(SignedRequest request) {
        ObjectNode node = NODES.objectNode();
        node.put("recipient", request.signer());
        node.put("timestamp", request.timestamp().toEpochMilli());
        node.put("signed_timestamp", request.signature());
        node.put("nonce", request.nonce());
        node.put("audience", request.audience());
        hashArray(node.putArray("hashes"), request.hashes());
        return node;
    }

    private static ServerEntry serverEntry(JsonNode node) throws MeshWireException {
        String url = requiredString(node, "url");
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            throw new MeshWireException(MeshError.MALFORMED, "url must be 1 to 255 characters");
        }
        return new ServerEntry(
                url,
                requiredString(node, "key"),
                Instant.ofEpochMilli(millis(node, "signed_at")),
                requiredString(node, "signature"));
    }

    private static ObjectNode serverEntryNode(ServerEntry entry) {
        ObjectNode node = NODES.objectNode();
        node.put("url", entry.url());
        node.put("key", entry.key());
        node.put("signed_at", entry.signedAt().toEpochMilli());
        node.put("signature", entry.signature());
        return node;
    }

    private static List<ForwardedTombstone> tombstones(JsonNode root) throws MeshWireException {
        JsonNode array = root.get("tombstones");
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray() || array.size() > MAX_HASHES) {
            throw new MeshWireException(MeshError.MALFORMED, "tombstones must be an array of at most 10000");
        }
        List<ForwardedTombstone> list = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isObject()) {
                throw new MeshWireException(MeshError.MALFORMED, "tombstones must hold objects");
            }
            String hash = requiredString(element, "hash");
            if (!PacketHash.isValid(hash)) {
                throw new MeshWireException(MeshError.MALFORMED, "tombstone hash must be 64 lower-case hex digits");
            }
            list.add(new ForwardedTombstone(new PacketHash(hash), proof(requiredObject(element, "proof"))));
        }
        return list;
    }

    private static void tombstoneArray(ArrayNode array, List<ForwardedTombstone> tombstones) {
        for (ForwardedTombstone tombstone : tombstones) {
            ObjectNode element = array.addObject();
            element.put("hash", tombstone.hash().hex());
            ObjectNode proof = signedRequestNode(tombstone.proof());
            proof.put("purpose", tombstone.proof().purpose().label());
            element.set("proof", proof);
        }
    }

    private static List<PacketHash> hashes(JsonNode root, String field) throws MeshWireException {
        JsonNode array = root.get(field);
        if (array == null || !array.isArray()) {
            throw new MeshWireException(MeshError.MALFORMED, field + " must be an array");
        }
        if (array.size() > MAX_HASHES) {
            throw new MeshWireException(MeshError.TOO_LARGE, field + " holds more than 10000 hashes");
        }
        List<PacketHash> list = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual() || !PacketHash.isValid(element.textValue())) {
                throw new MeshWireException(MeshError.MALFORMED, field + " must hold 64-digit lower-case hex hashes");
            }
            list.add(new PacketHash(element.textValue()));
        }
        return list;
    }

    private static void hashArray(ArrayNode array, Collection<PacketHash> hashes) {
        hashes.forEach(h -> array.add(h.hex()));
    }

    private static Optional<PacketHash> optionalHash(JsonNode root, String field) throws MeshWireException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || !PacketHash.isValid(node.textValue())) {
            throw new MeshWireException(MeshError.MALFORMED, field + " must be a hash or null");
        }
        return Optional.of(new PacketHash(node.textValue()));
    }

    private static long millis(JsonNode root, String field) throws MeshWireException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new MeshWireException(MeshError.MALFORMED, field + " is missing");
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual() && node.textValue().matches("[0-9]{1,18}")) {
            value = Long.parseLong(node.textValue());
        } else {
            throw new MeshWireException(MeshError.MALFORMED, field + " must be unix milliseconds");
        }
        // Instant's range, with margin: anything beyond year 100000 is not a time anyone means.
        if (value < 0 || value > 3_000_000_000_000_000L) {
            throw new MeshWireException(MeshError.MALFORMED, field + " out of range");
        }
        return value;
    }

    private static JsonNode requiredObject(JsonNode root, String field) throws MeshWireException {
        JsonNode node = root.get(field);
        if (node == null || !node.isObject()) {
            throw new MeshWireException(MeshError.MALFORMED, field + " must be an object");
        }
        return node;
    }

    private static String requiredString(JsonNode root, String field) throws MeshWireException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new MeshWireException(MeshError.MALFORMED, field + " is missing");
        }
        if (!node.isTextual()) {
            throw new MeshWireException(MeshError.MALFORMED, field + " must be a string");
        }
        return node.textValue();
    }

    private static JsonNode readObject(byte[] body, int maxBytes) throws MeshWireException {
        if (body == null) {
            throw new MeshWireException(MeshError.MALFORMED, "body is missing");
        }
        if (body.length > maxBytes) {
            throw new MeshWireException(MeshError.TOO_LARGE, "body exceeds " + maxBytes + " bytes");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new MeshWireException(MeshError.MALFORMED, "body is not one JSON value");
        }
        if (root == null || !root.isObject()) {
            throw new MeshWireException(MeshError.MALFORMED, "body is not a JSON object");
        }
        return root;
    }

    private static byte[] write(JsonNode node) {
        try {
            return STRICT.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
