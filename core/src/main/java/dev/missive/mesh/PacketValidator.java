package dev.missive.mesh;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.wire.Envelope;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshWireException;
import java.time.Instant;

/**
 * What a server checks on every packet it is handed, by a client or a peer ({@code docs/mesh.md},
 * "Server checks"): the recipient key, both envelopes' layout, the recomputed hash, freshness and
 * size. It cannot check the signature: that is encrypted to the recipient.
 */
final class PacketValidator {

    /** Where a packet comes from, which decides the freshness rule. */
    enum Source {
        /** {@code /send}: the envelope must have been sealed within the clock-skew window. */
        CLIENT,
        /** Sync: the envelope must be younger than the retention period (stale ingests refused). */
        PEER
    }

    /** J2 keys: exactly RSA-4096. */
    static final int J2_KEY_BITS = 4096;
    /** J1 keys: RSA-2048 up to RSA-4096. */
    static final int J1_MIN_KEY_BITS = 2048;

    private final ServerContext ctx;

    PacketValidator(ServerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Checks {@code packet} and returns it as it would be stored.
     *
     * @throws MeshWireException with the error to answer
     */
    StoredPacket validate(MeshPacket packet, Source source, Instant now) throws MeshWireException {
        MeshConfig config = ctx.config();
        long size = (long) packet.recipient().length()
                + packet.message().length()
                + packet.signature().length();
        if (size > config.maxBodyBytes()) {
            throw new MeshWireException(MeshError.TOO_LARGE, "packet exceeds " + config.maxBodyBytes() + " bytes");
        }
        if (MeshCrypto.packetHash(packet.recipient(), packet.message(), packet.signature())
                .equals(packet.hash())) {
            return validateJ2(packet, source, now);
        }
        // Only a client's /send may use J1 (server-node's clients); J1 packets are never synced.
        if (source == Source.CLIENT
                && config.accepts(MeshProfile.J1)
                && MeshCrypto.j1Hash(packet.message()).equals(packet.hash())) {
            requireCanonicalKey(packet.recipient(), J1_MIN_KEY_BITS, J2_KEY_BITS);
            if (packet.message().isEmpty() || packet.signature().isEmpty()) {
                throw new MeshWireException(MeshError.MALFORMED, "message and signature must not be empty");
            }
            return new StoredPacket(packet, MeshProfile.J1, now, now.plus(config.retention()));
        }
        throw new MeshWireException(MeshError.HASH_MISMATCH, "hash is not the hash of the packet");
    }

    private StoredPacket validateJ2(MeshPacket packet, Source source, Instant now) throws MeshWireException {
        MeshConfig config = ctx.config();
        RsaPublicKey recipient = requireCanonicalKey(packet.recipient(), J2_KEY_BITS, J2_KEY_BITS);
        int keyBytes = (recipient.modulusBits() + 7) / 8;
        Envelope message = envelope(packet.message(), keyBytes);
        Envelope signature = envelope(packet.signature(), keyBytes);
        if (!message.createdAt().equals(signature.createdAt())) {
            throw new MeshWireException(MeshError.BAD_ENVELOPE, "envelopes have different creation times");
        }
        Instant created = message.createdAt();
        Instant expiresAt = created.plus(config.retention());
        boolean fresh = switch (source) {
            case CLIENT ->
                !created.isBefore(now.minus(config.maxClockSkew()))
                        && !created.isAfter(now.plus(config.maxClockSkew()));
            case PEER -> expiresAt.isAfter(now) && !created.isAfter(now.plus(config.maxClockSkew()));
        };
        if (!fresh) {
            throw new MeshWireException(MeshError.STALE, "envelope creation time outside the accepted window");
        }
        return new StoredPacket(packet, MeshProfile.J2, now, expiresAt);
    }

    private static RsaPublicKey requireCanonicalKey(String text, int minBits, int maxBits) throws MeshWireException {
        RsaPublicKey key = MeshCrypto.publicKey(text, minBits, maxBits);
        // Recipients are compared as strings: only the canonical spelling may be stored.
        if (!MeshCrypto.encodeKey(key).equals(text)) {
            throw new MeshWireException(MeshError.BAD_KEY, "recipient is not the canonical base64 SPKI");
        }
        return key;
    }

    private static Envelope envelope(String text, int keyBytes) throws MeshWireException {
        byte[] bytes;
        try {
            bytes = Encodings.fromBase64(text);
        } catch (RuntimeException e) {
            throw new MeshWireException(MeshError.BAD_ENVELOPE, "envelope is not canonical base64");
        }
        Envelope envelope = Envelope.decode(bytes);
        if (envelope.wrappedKey().length != keyBytes) {
            throw new MeshWireException(MeshError.BAD_ENVELOPE, "wrapped key does not match the recipient key size");
        }
        return envelope;
    }
}
