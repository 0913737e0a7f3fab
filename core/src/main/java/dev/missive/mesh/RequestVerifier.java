package dev.missive.mesh;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPss;
import dev.missive.crypto.RsaPublicKey;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.RequestPurpose;
import dev.missive.mesh.model.SignedRequest;
import dev.missive.mesh.wire.MeshCrypto;
import dev.missive.mesh.wire.MeshWireException;
import java.time.Instant;

/**
 * Checks signed requests ({@code docs/mesh.md}, "Request signing"): audience, freshness, signature,
 * single-use nonce; and discard proofs forwarded by peers.
 */
final class RequestVerifier {

    private final ServerContext ctx;

    RequestVerifier(ServerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Verifies a request addressed to this server and consumes its nonce. The nonce is consumed
     * last, so a request that fails any other check cannot burn a nonce.
     *
     * @return the signer's key
     * @throws MeshWireException the refusal
     */
    RsaPublicKey verify(SignedRequest request, Instant now) throws MeshWireException {
        if (!request.audience().equals(ctx.origin())) {
            throw new MeshWireException(MeshError.WRONG_AUDIENCE, "audience is not this server");
        }
        var skew = ctx.config().maxClockSkew();
        if (request.timestamp().isBefore(now.minus(skew)) || request.timestamp().isAfter(now.plus(skew))) {
            throw new MeshWireException(MeshError.STALE, "timestamp outside the accepted window");
        }
        RsaPublicKey key = checkSignature(request);
        Instant guardUntil = (request.timestamp().isAfter(now) ? request.timestamp() : now).plus(skew);
        if (!ctx.replayGuard().recordIfAbsent(ServerContext.NONCE_SCOPE, request.nonce(), guardUntil, now)) {
            throw new MeshWireException(MeshError.REPLAYED, "nonce already used");
        }
        return key;
    }

    /**
     * Whether {@code proof} is a recipient's discard request that {@code forwarder} may hand on: a
     * discard, addressed to the forwarding peer, signed by its signer, not from the future and not
     * older than the retention period. Nonces are not consumed: the same proof reaches many peers.
     */
    boolean acceptableProof(SignedRequest proof, String forwarder, Instant now) {
        if (proof.purpose() != RequestPurpose.DISCARD || !proof.audience().equals(forwarder)) {
            return false;
        }
        if (proof.timestamp().isAfter(now.plus(ctx.config().maxClockSkew()))
                || proof.timestamp().isBefore(now.minus(ctx.config().retention()))) {
            return false;
        }
        try {
            checkSignature(proof);
            return true;
        } catch (MeshWireException e) {
            return false;
        }
    }

    private static RsaPublicKey checkSignature(SignedRequest request) throws MeshWireException {
        RsaPublicKey key =
                MeshCrypto.publicKey(request.signer(), PacketValidator.J2_KEY_BITS, PacketValidator.J2_KEY_BITS);
        byte[] signature;
        try {
            signature = Encodings.fromBase64(request.signature());
        } catch (RuntimeException e) {
            throw new MeshWireException(MeshError.BAD_SIGNATURE, "signature is not base64");
        }
        if (!RsaPss.verify(key, MeshCrypto.requestSigningString(request), signature)) {
            throw new MeshWireException(MeshError.BAD_SIGNATURE, "signature does not verify");
        }
        return key;
    }
}
