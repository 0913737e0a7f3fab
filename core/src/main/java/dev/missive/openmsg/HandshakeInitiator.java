package dev.missive.openmsg;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OpenmsgUser;
import dev.missive.openmsg.spi.PendingHandshake;
import dev.missive.openmsg.wire.AuthConfirmRequest;
import dev.missive.openmsg.wire.AuthRequest;
import dev.missive.openmsg.wire.AuthSuccess;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import dev.missive.openmsg.wire.WireFormatException;
import java.time.Instant;
import java.util.Optional;

/** The initiator's side of the handshake: {@link #connect} and {@code auth-confirm/}. */
final class HandshakeInitiator {

    private final NodeContext ctx;
    private final PeerCall peers;

    HandshakeInitiator(NodeContext ctx, PeerCall peers) {
        this.ctx = ctx;
        this.peers = peers;
    }

    /**
     * Runs a handshake as initiator: stores a pending handshake (so our {@code auth-confirm/} can answer
     * the acceptor's callback), POSTs {@code auth/}, and stores the connection from the answer. The
     * pending handshake is removed whatever happens.
     */
    ConnectResult connect(OpenmsgAddress self, OpenmsgAddress other, Secret passCode) {
        if (!ctx.isLocal(self)) {
            return fail(self, other, HandshakeError.UNKNOWN_USER, "not an address of this node");
        }
        Optional<OpenmsgUser> user = ctx.store().user(self.id());
        if (user.isEmpty()) {
            return fail(self, other, HandshakeError.UNKNOWN_USER, "no such local user");
        }
        if (self.equals(other)) {
            return fail(self, other, HandshakeError.INVALID_ADDRESS, "an address cannot connect to itself");
        }
        if (passCode == null || !NodeContext.isPassCodeFormat(passCode)) {
            return fail(self, other, HandshakeError.PASS_CODE_INVALID, "a pass code is six digits");
        }
        Secret passcodeHash = MessageSeal.passcodeHash(passCode, self, other);
        Instant now = ctx.clock().now();
        ctx.store()
                .putPendingHandshake(new PendingHandshake(
                        self, other, passcodeHash, now, now.plus(ctx.config().handshakeLifetime())));
        try {
            return requestAuth(self, other, passCode, user.get());
        } finally {
            ctx.store().removePendingHandshake(self, other, passcodeHash);
        }
    }

    private ConnectResult requestAuth(OpenmsgAddress self, OpenmsgAddress other, Secret passCode, OpenmsgUser user) {
        byte[] body =
                OpenmsgJson.encode(new AuthRequest(other.id(), passCode, self.toString(), user.displayName(), true));
        PeerReply reply;
        try {
            reply = peers.post(other.domain(), OpenmsgEndpoint.AUTH, body);
        } catch (PeerCall.Failed e) {
            HandshakeError error = switch (e.stage()) {
                case UNREACHABLE -> HandshakeError.PEER_UNREACHABLE;
                case STATUS -> HandshakeError.PEER_REJECTED;
                case REPLY -> HandshakeError.MALFORMED_RESPONSE;
            };
            return fail(self, other, error, e.getMessage());
        }
        if (!reply.succeeded()) {
            return fail(
                    self,
                    other,
                    HandshakeError.PEER_REJECTED,
                    reply.errorMessage().map(NodeContext::sanitize).orElse("the accepting node refused"));
        }
        AuthSuccess success;
        try {
            success = OpenmsgJson.authSuccess(reply);
        } catch (WireFormatException e) {
            return fail(self, other, HandshakeError.MALFORMED_RESPONSE, e.getMessage());
        }
        String otherName = success.receivingName();
        if (!otherName.isEmpty() && !NodeContext.isValidDisplayName(otherName)) {
            return fail(
                    self,
                    other,
                    HandshakeError.MALFORMED_RESPONSE,
                    "receiving_openmsg_address_name must be at most 40 characters without control characters");
        }
        // The acceptor is authoritative for the ident code: if it lost its row and made a new one, we take
        // it (the reference refuses and the pair can never reconnect; docs/openmsg.md, "Deviations").
        ctx.store()
                .putConnection(new OpenmsgConnection(
                        self,
                        other,
                        otherName,
                        true,
                        success.authCode(),
                        success.identCode(),
                        success.messageCryptKey(),
                        ctx.clock().now()));
        ctx.emit(new OpenmsgEvent.HandshakeCompleted(ctx.clock().now(), self, other));
        return new ConnectResult.Connected(self, other, otherName);
    }

    /**
     * Handles {@code auth-confirm/}: the acceptor asks whether we really started a handshake with it.
     * Finds our pending handshake with that acceptor whose passcode hash matches (constant time; the
     * legacy raw {@code pass_code} form is hashed per candidate initiator), refuses it if expired, and
     * consumes it.
     */
    void onAuthConfirm(byte[] body) throws HandshakeRejectedException {
        AuthConfirmRequest request;
        try {
            request = OpenmsgJson.decodeAuthConfirmRequest(body, ctx.config().maxRequestBytes());
        } catch (WireFormatException e) {
            throw new HandshakeRejectedException(HandshakeError.MALFORMED_REQUEST, e.getMessage());
        }
        OpenmsgAddress acceptor = OpenmsgAddress.tryParse(request.receivingAddress())
                .orElseThrow(() -> new HandshakeRejectedException(
                        HandshakeError.INVALID_ADDRESS, "receiving_openmsg_address is not a valid address"));
        if (request.legacyPassCode().isPresent()
                && !NodeContext.isPassCodeFormat(request.legacyPassCode().get())) {
            throw new HandshakeRejectedException(HandshakeError.MALFORMED_REQUEST, "pass_code must be six digits");
        }
        PendingHandshake match = null;
        for (PendingHandshake candidate : ctx.store().pendingHandshakes(acceptor)) {
            Secret presented = request.passcodeHash()
                    .orElseGet(() -> MessageSeal.passcodeHash(
                            request.legacyPassCode().orElseThrow(), candidate.initiator(), acceptor));
            if (candidate.passcodeHash().matches(presented) && match == null) {
                match = candidate;
            }
        }
        if (match == null) {
            throw new HandshakeRejectedException(HandshakeError.UNKNOWN_PENDING_HANDSHAKE, "no matching handshake");
        }
        boolean removed = ctx.store().removePendingHandshake(match.initiator(), acceptor, match.passcodeHash());
        if (!ctx.clock().now().isBefore(match.expiresAt())) {
            throw new HandshakeRejectedException(HandshakeError.HANDSHAKE_EXPIRED, "pending handshake expired");
        }
        if (!removed) {
            throw new HandshakeRejectedException(HandshakeError.UNKNOWN_PENDING_HANDSHAKE, "already confirmed");
        }
        ctx.emit(new OpenmsgEvent.HandshakeConfirmed(ctx.clock().now(), match.initiator(), acceptor));
    }

    private ConnectResult fail(OpenmsgAddress self, OpenmsgAddress other, HandshakeError error, String detail) {
        ctx.emit(new OpenmsgEvent.HandshakeFailed(ctx.clock().now(), self, other, error));
        return new ConnectResult.Failed(error, detail);
    }
}
