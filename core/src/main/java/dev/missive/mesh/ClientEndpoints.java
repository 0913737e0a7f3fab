package dev.missive.mesh;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPss;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.MeshPacket;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.PacketHash;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.spi.StoredPacket;
import dev.missive.mesh.wire.FetchByHashRequest;
import dev.missive.mesh.wire.FetchReply;
import dev.missive.mesh.wire.LegacyFetchRequest;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.MeshWireException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The endpoints clients call: send, the fetches, discard. */
final class ClientEndpoints {

    private final ServerContext ctx;
    private final PacketValidator validator;
    private final RequestVerifier verifier;
    private final PacketIntake intake;
    private final PeerRegistry registry;

    ClientEndpoints(
            ServerContext ctx,
            PacketValidator validator,
            RequestVerifier verifier,
            PacketIntake intake,
            PeerRegistry registry) {
        this.ctx = ctx;
        this.validator = validator;
        this.verifier = verifier;
        this.intake = intake;
        this.registry = registry;
    }

    byte[] send(byte[] body, Instant now) throws MeshWireException {
        MeshPacket packet = MeshJson.decodePacket(body, ctx.config().maxBodyBytes());
        StoredPacket valid = validator.validate(packet, PacketValidator.Source.CLIENT, now);
        return switch (intake.ingest(valid, Optional.empty(), now)) {
            case STORED, DUPLICATE -> MeshJson.encodeSendReply(packet.hash());
            case CONFLICT -> throw new MeshWireException(MeshError.CONFLICT, "another packet holds this hash");
            case GONE -> throw new MeshWireException(MeshError.GONE, "this hash was discarded or expired");
        };
    }

    byte[] fetchByRecipient(byte[] body, Instant now) throws MeshWireException {
        SignedRequest request =
                MeshJson.decodeSignedRequest(body, ctx.config().maxBodyBytes(), RequestPurpose.FETCH_BY_RECIPIENT);
        verifier.verify(request, now);
        int limit = ctx.config().fetchLimit();
        List<StoredPacket> found = ctx.packets().findByRecipient(request.signer(), now, limit + 1);
        return reply(MeshEndpoint.FETCH_BY_RECIPIENT, found, limit, now);
    }

    byte[] fetchByHash(byte[] body, Instant now) throws MeshWireException {
        FetchByHashRequest request =
                MeshJson.decodeFetchByHash(body, ctx.config().maxSyncBodyBytes());
        SignedRequest auth = request.auth();
        if (auth.hashes().size() > ctx.config().fetchLimit()) {
            throw new MeshWireException(MeshError.TOO_LARGE, "more hashes than one fetch answers");
        }
        // The signature first: only a caller holding the key may get its entry admitted.
        verifier.verify(auth, now);
        Optional<String> peer = Optional.empty();
        if (request.from().isPresent()) {
            peer = Optional.of(registry.authenticate(request.from().get(), auth, now));
        }
        List<StoredPacket> found = new ArrayList<>();
        for (PacketHash hash : new LinkedHashSet<>(auth.hashes())) {
            Optional<StoredPacket> held = ctx.packets().find(hash).filter(p -> p.liveAt(now));
            if (held.isEmpty()) {
                continue;
            }
            // A peer gets any synced packet; a client only its own.
            boolean allowed = peer.isPresent()
                    ? held.get().profile() == MeshProfile.J2
                    : held.get().packet().recipient().equals(auth.signer());
            if (allowed) {
                found.add(held.get());
            }
        }
        return reply(MeshEndpoint.FETCH_BY_HASH, found, Integer.MAX_VALUE, now);
    }

    byte[] discard(byte[] body, Instant now) throws MeshWireException {
        SignedRequest request = MeshJson.decodeSignedRequest(body, ctx.config().maxBodyBytes(), RequestPurpose.DISCARD);
        if (request.hashes().isEmpty()) {
            throw new MeshWireException(MeshError.MALFORMED, "hashes must not be empty");
        }
        verifier.verify(request, now);
        int discarded = 0;
        for (PacketHash hash : new LinkedHashSet<>(request.hashes())) {
            if (intake.discard(hash, request.signer(), request, now)) {
                discarded++;
            }
        }
        ctx.emit(new MeshEvent.Discarded(now, discarded, Optional.empty()));
        return MeshJson.encodeDiscardReply(discarded);
    }

    /** {@code POST /fetch} of J1 (unauthenticated) and D0 (phrase signature). */
    byte[] legacyFetch(byte[] body, Instant now) throws MeshWireException {
        MeshConfig config = ctx.config();
        if (!config.accepts(MeshProfile.J1) && !config.accepts(MeshProfile.D0)) {
            throw new MeshWireException(MeshError.PROFILE_DISABLED, "J1 and D0 retrieval are off");
        }
        LegacyFetchRequest request = MeshJson.decodeLegacyFetch(body, config.maxBodyBytes());
        int limit = config.fetchLimit();
        if (request.isD0()) {
            if (!config.accepts(MeshProfile.D0)) {
                throw new MeshWireException(MeshError.PROFILE_DISABLED, "D0 retrieval is off");
            }
            String key = request.d0PublicKey().orElseThrow();
            RsaPublicKey publicKey = MeshCrypto.publicKey(key, PacketValidator.J1_MIN_KEY_BITS, 4096);
            byte[] signature;
            try {
                signature = Encodings.fromBase64(request.d0Signature().orElseThrow());
            } catch (RuntimeException e) {
                throw new MeshWireException(MeshError.BAD_SIGNATURE, "signature is not base64");
            }
            if (!RsaPss.verify(publicKey, MeshProfile.D0_PHRASE.getBytes(StandardCharsets.UTF_8), signature)) {
                throw new MeshWireException(MeshError.BAD_SIGNATURE, "signature does not verify");
            }
            return reply(MeshEndpoint.FETCH, ctx.packets().findByRecipient(key, now, limit + 1), limit, now);
        }
        if (!config.accepts(MeshProfile.J1)) {
            throw new MeshWireException(MeshError.PROFILE_DISABLED, "J1 retrieval is off");
        }
        if (request.recipient().isPresent()) {
            return reply(
                    MeshEndpoint.FETCH,
                    ctx.packets().findByRecipient(request.recipient().get(), now, limit + 1),
                    limit,
                    now);
        }
        List<StoredPacket> found = new ArrayList<>();
        for (PacketHash hash : new LinkedHashSet<>(request.hashes())) {
            ctx.packets().find(hash).filter(p -> p.liveAt(now)).ifPresent(found::add);
        }
        return reply(MeshEndpoint.FETCH, found, limit, now);
    }

    private byte[] reply(MeshEndpoint endpoint, List<StoredPacket> found, int limit, Instant now) {
        boolean more = found.size() > limit;
        List<MeshPacket> packets =
                found.stream().limit(limit).map(StoredPacket::packet).toList();
        ctx.emit(new MeshEvent.Fetched(now, endpoint, packets.size()));
        return MeshJson.encodeFetchReply(new FetchReply(packets, more));
    }
}
