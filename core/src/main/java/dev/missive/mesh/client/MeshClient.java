package dev.missive.mesh.client;

import dev.missive.crypto.AuthenticationException;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPss;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.event.EventListener;
import dev.missive.mesh.MeshEvent;
import dev.missive.mesh.MeshException;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshMessage;
import dev.missive.mesh.model.MeshOrigin;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.wire.Envelope;
import dev.missive.mesh.wire.EnvelopeField;
import dev.missive.mesh.wire.FetchReply;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.spi.ReplayGuardStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mesh client for one key pair: seals packets (encrypt and sign), opens fetched ones (decrypt,
 * verify, de-duplicate; drops what fails with a {@link MeshEvent.SecurityDrop}), signs fetch and
 * discard requests, picks TX and RX servers, makes cover packets. Pure: the host sends the bodies
 * (e.g. with {@code MeshHttpClient}) and hands the answers back. Thread-safe.
 */
public final class MeshClient {

    /** Replay-guard scope of the (sender, id) pairs already received. */
    public static final String SEEN_SCOPE = "mesh.client.seen";

    private final RsaPrivateKey key;
    private final String publicKey;
    private final Clock clock;
    private final RandomSource random;
    private final ReplayGuardStore seen;
    private final EventListener listener;
    private final MeshClientConfig config;

    private MeshClient(Builder b) {
        this.key = b.key;
        this.publicKey = MeshCrypto.encodeKey(b.key.publicKey());
        this.clock = b.clock;
        this.random = b.random;
        this.seen = b.seenStore;
        this.listener = EventListener.contained(b.eventListener);
        this.config = b.config;
    }

    /**
     * A builder; key, clock, random and seen store are required.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * This client's public key as it appears on the wire (base64 SPKI DER): its address.
     *
     * @return the base64 SPKI DER public key senders address packets to
     */
    public String publicKey() {
        return publicKey;
    }

    /**
     * This client's configuration.
     *
     * @return the configuration the client was built with
     */
    public MeshClientConfig config() {
        return config;
    }

    // ---- sending ------------------------------------------------------------------------------------

    /**
     * A fresh channel identifier (a random UUID), for the first message of a chat.
     *
     * @return a random UUID in its canonical text form
     */
    public String newChannelId() {
        return uuid();
    }

    /**
     * Seals a message to {@code recipient}: a fresh id and salt, the message JSON padded to its size
     * bucket and encrypted, the signature over the recipient-bound input encrypted too, the hash
     * over the three fields.
     *
     * @param recipient the recipient's key, base64 SPKI DER
     * @param type      what the message does
     * @param channelId the chat's identifier
     * @param content   the text (or target/reaction, by type)
     * @return the packet and, inside it, the message with its id
     * @throws MeshException ({@link MeshError#BAD_KEY}) if the key is not an accepted RSA key,
     *     ({@link MeshError#TOO_LARGE}) if the message does not fit the largest bucket
     */
    public SealedMessage seal(String recipient, MessageType type, String channelId, String content)
            throws MeshException {
        return seal(recipient, type, channelId, content, config.minBucket());
    }

    private SealedMessage seal(String recipient, MessageType type, String channelId, String content, int minBucket)
            throws MeshException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(content, "content");
        RsaPublicKey recipientKey;
        try {
            recipientKey = MeshCrypto.publicKey(recipient, minKeyBits(), 4096);
        } catch (MeshWireException e) {
            throw new MeshException(e.error(), e.getMessage());
        }
        Instant now = Instant.ofEpochMilli(clock.now().toEpochMilli());
        MeshMessage message =
                new MeshMessage(publicKey, Encodings.base64(random.bytes(8)), channelId, type, content, uuid(), now);
        byte[] json = MeshJson.encodeMessage(message, minBucket);
        if (json.length > config.maxMessageBytes()) {
            throw new MeshException(MeshError.TOO_LARGE, "message exceeds the largest size bucket");
        }
        byte[] messageEnvelope = MeshCrypto.seal(EnvelopeField.MESSAGE, recipientKey, now, json, random)
                .encode();
        byte[] signature = RsaPss.sign(key, MeshCrypto.signatureInput(recipientKey.spki(), messageEnvelope));
        byte[] signatureEnvelope = MeshCrypto.seal(
                        EnvelopeField.SIGNATURE,
                        recipientKey,
                        now,
                        MeshJson.encodeSignature(Encodings.base64(signature)),
                        random)
                .encode();
        String recipientText = MeshCrypto.encodeKey(recipientKey);
        String messageText = Encodings.base64(messageEnvelope);
        String signatureText = Encodings.base64(signatureEnvelope);
        PacketHash hash = config.profile() == MeshProfile.J1
                ? MeshCrypto.j1Hash(messageText)
                : MeshCrypto.packetHash(recipientText, messageText, signatureText);
        return new SealedMessage(new MeshPacket(recipientText, messageText, signatureText, hash), message);
    }

    /**
     * A cover packet in the smallest size bucket: addressed to this client itself, of type
     * {@link MessageType#COVER}, dropped silently when fetched back.
     *
     * @return a packet of the same shape and size as a real message of up to the smallest bucket
     */
    public MeshPacket coverPacket() {
        return coverPacket(config.minBucket());
    }

    /**
     * A cover packet whose message JSON is exactly {@code bucket} bytes, like every real message in
     * that bucket: addressed to this client itself, of type {@link MessageType#COVER}, with random
     * filler of random length as content, encrypted and signed like any message, so that servers
     * store and replicate it like any packet. Its recipient's client (this one) drops it silently.
     *
     * @param bucket the size bucket to fill: a power of two from the configured smallest bucket to
     *     the largest message size (see {@link #bucketOf})
     * @return a packet the same size on the wire as a real packet in {@code bucket}
     * @throws IllegalArgumentException if {@code bucket} is not such a power of two
     */
    public MeshPacket coverPacket(int bucket) {
        if (Integer.bitCount(bucket) != 1 || bucket < config.minBucket() || bucket > config.maxMessageBytes()) {
            throw new IllegalArgumentException("bucket must be a power of two from minBucket to maxMessageBytes");
        }
        // Room left for content: the bucket minus the message JSON with empty content (the message
        // without filler is about 900 bytes, within the smallest bucket).
        int room = bucket - MeshJson.encodeMessage(coverMessage(""), 1).length;
        int length = random.nextInt(Math.max(1, room + 1));
        String filler = Encodings.base64(random.bytes(length)).substring(0, length);
        try {
            return seal(publicKey, MessageType.COVER, uuid(), filler, bucket).packet();
        } catch (MeshException e) {
            throw new IllegalStateException("this client's own key is always accepted", e);
        }
    }

    /** A cover message with the lengths of a real one (for measuring the room for filler). */
    private MeshMessage coverMessage(String content) {
        String sameLengthAsAUuid = "00000000-0000-4000-8000-000000000000";
        return new MeshMessage(
                publicKey,
                Encodings.base64(new byte[8]),
                sameLengthAsAUuid,
                MessageType.COVER,
                content,
                sameLengthAsAUuid,
                Instant.ofEpochMilli(clock.now().toEpochMilli()));
    }

    /**
     * The real packet of {@code sealed} mixed with {@code coverCount} cover packets in its size
     * bucket, in random order, so that the position of a request does not tell which one is real.
     *
     * @param sealed the real message
     * @param coverCount how many cover packets to add (0 for none)
     * @return {@code coverCount + 1} packets, the real one among them at a random position
     * @throws IllegalArgumentException if {@code coverCount} is negative
     */
    public List<MeshPacket> withCover(SealedMessage sealed, int coverCount) {
        if (coverCount < 0) {
            throw new IllegalArgumentException("coverCount must not be negative");
        }
        int bucket = bucketOf(sealed.packet());
        List<MeshPacket> packets = new ArrayList<>(coverCount + 1);
        for (int i = 0; i < coverCount; i++) {
            packets.add(coverPacket(bucket));
        }
        packets.add(random.nextInt(coverCount + 1), sealed.packet());
        return packets;
    }

    /**
     * The size bucket of a packet: the length of its (padded) message JSON, which is all that its
     * size on the wire depends on besides the recipient's key size.
     *
     * @param packet a well-formed packet
     * @return the message JSON length in bytes
     * @throws IllegalArgumentException if the packet's message envelope does not decode
     */
    public static int bucketOf(MeshPacket packet) {
        try {
            return Envelope.decode(Encodings.fromBase64(packet.message())).ciphertext().length - Envelope.TAG_LENGTH;
        } catch (MeshWireException | RuntimeException e) {
            throw new IllegalArgumentException("the packet's message envelope does not decode", e);
        }
    }

    /**
     * The {@code POST /send} body for {@code packet}.
     *
     * @param packet the packet to send
     * @return the UTF-8 JSON body
     */
    public byte[] sendBody(MeshPacket packet) {
        return MeshJson.encodePacket(packet);
    }

    // ---- requests -----------------------------------------------------------------------------------

    /**
     * A signed {@code POST /fetch/by_recipient} body for the server whose origin is {@code audience}.
     *
     * @param audience the origin of the server the request is for, as it signs itself; the signature is bound to it
     * @return the UTF-8 JSON body, signed with this client's key
     */
    public byte[] fetchByRecipientRequest(String audience) {
        return MeshJson.encodeSignedRequest(sign(RequestPurpose.FETCH_BY_RECIPIENT, audience, List.of()));
    }

    /**
     * A signed {@code POST /fetch/by_hash} body: only this client's own packets are answered.
     *
     * @param audience the origin of the server the request is for, as it signs itself; the signature is bound to it
     * @param hashes the packet hashes asked for
     * @return the UTF-8 JSON body, signed with this client's key
     */
    public byte[] fetchByHashRequest(String audience, Collection<PacketHash> hashes) {
        return MeshJson.encodeSignedRequest(sign(RequestPurpose.FETCH_BY_HASH, audience, List.copyOf(hashes)));
    }

    /**
     * A signed {@code POST /discard} body.
     *
     * @param audience the origin of the server the request is for, as it signs itself; the signature is bound to it
     * @param hashes the hashes of this client's packets to discard
     * @return the UTF-8 JSON body, signed with this client's key
     */
    public byte[] discardRequest(String audience, Collection<PacketHash> hashes) {
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("nothing to discard");
        }
        return MeshJson.encodeSignedRequest(sign(RequestPurpose.DISCARD, audience, List.copyOf(hashes)));
    }

    /**
     * A J1 {@code POST /fetch} body (unauthenticated: insecure).
     *
     * @return the UTF-8 JSON body naming this client as recipient
     */
    public byte[] j1FetchRequest() {
        return MeshJson.encodeJ1Fetch(publicKey);
    }

    /**
     * A D0 {@code POST /fetch} body (constant-phrase signature: insecure, replayable).
     *
     * @return the UTF-8 JSON body with this client's public key and phrase signature
     */
    public byte[] d0FetchRequest() {
        byte[] signature = RsaPss.sign(key, MeshProfile.D0_PHRASE.getBytes(StandardCharsets.UTF_8));
        return MeshJson.encodeD0Fetch(publicKey, Encodings.base64(signature));
    }

    private SignedRequest sign(RequestPurpose purpose, String audience, List<PacketHash> hashes) {
        String origin = MeshOrigin.normalize(audience)
                .orElseThrow(() -> new IllegalArgumentException("audience must be http[s]://host[:port]"));
        Instant now = Instant.ofEpochMilli(clock.now().toEpochMilli());
        String nonce = HexFormat.of().formatHex(random.bytes(16));
        SignedRequest unsigned = new SignedRequest(purpose, origin, publicKey, now, nonce, hashes, "");
        String signature = Encodings.base64(RsaPss.sign(key, MeshCrypto.requestSigningString(unsigned)));
        return new SignedRequest(purpose, origin, publicKey, now, nonce, hashes, signature);
    }

    // ---- receiving ----------------------------------------------------------------------------------

    /**
     * Reads a fetch answer and opens every packet in it.
     *
     * @throws MeshException if the answer is a server error ({@link #checkReply}) or not a fetch answer
     * @param httpStatus the server's HTTP status
     * @param body the server's response body
     * @return the messages that opened, and whether the server holds more
     */
    public FetchResult openFetchReply(int httpStatus, byte[] body) throws MeshException {
        checkReply(httpStatus, body);
        FetchReply reply;
        try {
            reply = MeshJson.decodeFetchReply(body, config.maxFetchBytes());
        } catch (MeshWireException e) {
            throw new MeshException(e.error(), "the server's answer is not a fetch answer");
        }
        List<ReceivedMessage> messages = new ArrayList<>();
        List<PacketHash> fetched = new ArrayList<>();
        for (MeshPacket packet : reply.messages()) {
            fetched.add(packet.hash());
            open(packet).ifPresent(messages::add);
        }
        return new FetchResult(messages, fetched, reply.more());
    }

    /**
     * Turns a server's error answer into an exception.
     *
     * @throws MeshException with the answer's error code ({@link MeshError#MALFORMED} when it has
     *     none) if {@code httpStatus} is not 200
     * @param httpStatus the server's HTTP status
     * @param body the server's response body, read for its {@code error} code
     */
    public void checkReply(int httpStatus, byte[] body) throws MeshException {
        if (httpStatus != 200) {
            MeshError error = MeshJson.decodeError(body == null ? new byte[0] : body, 64 * 1024)
                    .orElse(httpStatus >= 500 ? MeshError.INTERNAL : MeshError.MALFORMED);
            throw new MeshException(error, "the server refused the request with HTTP " + httpStatus);
        }
    }

    /**
     * Opens a packet addressed to this client: checks the hash, decrypts both envelopes, verifies the
     * sender's signature over the input bound to this client's key, and de-duplicates by (sender, id).
     * Never throws for a bad packet: it is dropped with a {@link MeshEvent.SecurityDrop}.
     *
     * @return the message, or empty when dropped, already received, or a cover packet
     * @param packet a packet as fetched from a server
     */
    public Optional<ReceivedMessage> open(MeshPacket packet) {
        Objects.requireNonNull(packet, "packet");
        Instant now = clock.now();
        PacketHash expected = config.profile() == MeshProfile.J1
                ? MeshCrypto.j1Hash(packet.message())
                : MeshCrypto.packetHash(packet.recipient(), packet.message(), packet.signature());
        if (!expected.equals(packet.hash())) {
            return drop(packet, MeshEvent.DropReason.HASH_MISMATCH, now);
        }
        if (!packet.recipient().equals(publicKey)) {
            return drop(packet, MeshEvent.DropReason.NOT_FOR_THIS_KEY, now);
        }
        byte[] messageEnvelope;
        Envelope message;
        Envelope signatureEnvelope;
        try {
            messageEnvelope = Encodings.fromBase64(packet.message());
            message = Envelope.decode(messageEnvelope);
            signatureEnvelope = Envelope.decode(Encodings.fromBase64(packet.signature()));
        } catch (MeshWireException | RuntimeException e) {
            return drop(packet, MeshEvent.DropReason.MALFORMED, now);
        }
        byte[] messageJson;
        byte[] signatureJson;
        try {
            messageJson = MeshCrypto.open(EnvelopeField.MESSAGE, key, message);
            signatureJson = MeshCrypto.open(EnvelopeField.SIGNATURE, key, signatureEnvelope);
        } catch (AuthenticationException e) {
            return drop(packet, MeshEvent.DropReason.NOT_FOR_THIS_KEY, now);
        }
        MeshMessage decoded;
        RsaPublicKey sender;
        byte[] signature;
        try {
            decoded = MeshJson.decodeMessage(messageJson, config.maxMessageBytes());
            sender = MeshCrypto.publicKey(decoded.sender(), minKeyBits(), 4096);
            signature = Encodings.fromBase64(MeshJson.decodeSignature(signatureJson, 4096));
        } catch (MeshWireException | RuntimeException e) {
            return drop(packet, MeshEvent.DropReason.MALFORMED, now);
        }
        byte[] signed = MeshCrypto.signatureInput(key.publicKey().spki(), messageEnvelope);
        if (!RsaPss.verify(sender, signed, signature)) {
            return drop(packet, MeshEvent.DropReason.BAD_SIGNATURE, now);
        }
        String pair = Encodings.hex(
                Digests.sha256((decoded.sender() + "\n" + decoded.id()).getBytes(StandardCharsets.UTF_8)));
        if (!seen.recordIfAbsent(SEEN_SCOPE, pair, now.plus(config.dedupRetention()), now)) {
            listener.onProtocolEvent(new MeshEvent.DuplicateIgnored(now, packet.hash()));
            return Optional.empty();
        }
        if (decoded.type() == MessageType.COVER) {
            // Cover carries nothing: dropped without an event, whoever made it.
            return Optional.empty();
        }
        listener.onProtocolEvent(new MeshEvent.PacketOpened(now, packet.hash()));
        return Optional.of(new ReceivedMessage(packet.hash(), decoded));
    }

    private Optional<ReceivedMessage> drop(MeshPacket packet, MeshEvent.DropReason reason, Instant now) {
        listener.onProtocolEvent(new MeshEvent.SecurityDrop(now, packet.hash(), reason));
        return Optional.empty();
    }

    // ---- servers ------------------------------------------------------------------------------------

    /**
     * Chooses distinct TX and RX servers from {@code candidates}: the least loaded one receives (it is
     * asked most often), the next {@code txCount} least loaded ones send; equal loads are ordered at
     * random so that clients spread.
     *
     * @throws IllegalArgumentException if fewer than {@code txCount + 1} distinct servers are given
     * @param candidates the servers with their last reported load
     * @param txCount how many servers to send through, at least one
     * @return the RX server and the TX servers, all distinct
     */
    public ServerChoice chooseServers(List<ServerLoad> candidates, int txCount) {
        if (txCount < 1) {
            throw new IllegalArgumentException("txCount must be positive");
        }
        List<ServerLoad> distinct = new ArrayList<>();
        for (ServerLoad candidate : candidates) {
            if (distinct.stream().noneMatch(c -> c.url().equals(candidate.url()))) {
                distinct.add(candidate);
            }
        }
        if (distinct.size() < txCount + 1) {
            throw new IllegalArgumentException("need at least " + (txCount + 1) + " distinct servers");
        }
        // Fisher-Yates, then a stable sort: ties stay in random order.
        for (int i = distinct.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            ServerLoad swap = distinct.get(i);
            distinct.set(i, distinct.get(j));
            distinct.set(j, swap);
        }
        distinct.sort(Comparator.comparingLong(ServerLoad::load));
        String rx = distinct.getFirst().url();
        List<String> tx =
                distinct.subList(1, txCount + 1).stream().map(ServerLoad::url).toList();
        return new ServerChoice(tx, rx);
    }

    private int minKeyBits() {
        return config.profile() == MeshProfile.J1 ? 2048 : 4096;
    }

    private String uuid() {
        byte[] bytes = random.bytes(16);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(bytes);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** Builds a {@link MeshClient}. */
    public static final class Builder {
        private RsaPrivateKey key;
        private Clock clock;
        private RandomSource random;
        private ReplayGuardStore seenStore;
        private EventListener eventListener = EventListener.NONE;
        private MeshClientConfig config = MeshClientConfig.DEFAULTS;

        private Builder() {}

        /**
         * The client's key pair (RSA-4096; RSA-2048 only with the J1 profile). Required.
         *
         * @param key the client's private key, kept for the client's lifetime
         * @return this builder
         */
        public Builder key(RsaPrivateKey key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * The client's only source of time. Required.
         *
         * @param clock the clock stamping messages, requests and events
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The client's only source of randomness (AES keys, IVs, salts, ids, nonces). Required.
         *
         * @param random the random source
         * @return this builder
         */
        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Where received (sender, id) pairs are remembered (scope {@code mesh.client.seen}). Required.
         *
         * @param seenStore the store of received (sender, id) pairs
         * @return this builder
         */
        public Builder seenStore(ReplayGuardStore seenStore) {
            this.seenStore = Objects.requireNonNull(seenStore, "seenStore");
            return this;
        }

        /**
         * Receives {@link MeshEvent}s; default {@link EventListener#NONE}.
         *
         * @param eventListener the listener; it must not block
         * @return this builder
         */
        public Builder eventListener(EventListener eventListener) {
            this.eventListener = Objects.requireNonNull(eventListener, "eventListener");
            return this;
        }

        /**
         * Tunables; default {@link MeshClientConfig#DEFAULTS}.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(MeshClientConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalArgumentException if the key size does not fit the profile
         * @return a client using the key and sources given
         */
        public MeshClient build() {
            Objects.requireNonNull(key, "key is required");
            Objects.requireNonNull(clock, "clock is required");
            Objects.requireNonNull(random, "random is required");
            Objects.requireNonNull(seenStore, "seenStore is required");
            int bits = key.publicKey().modulusBits();
            int min = config.profile() == MeshProfile.J1 ? 2048 : 4096;
            if (bits < min || bits > 4096) {
                throw new IllegalArgumentException("key size does not fit the profile");
            }
            return new MeshClient(this);
        }
    }
}
