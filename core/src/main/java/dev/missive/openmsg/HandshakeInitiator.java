package dev.missive.openmsg;

import dev.missive.crypto.ConstantTime;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OpenmsgUser;
import dev.missive.openmsg.spi.PeerResponse;
import dev.missive.openmsg.spi.PeerUnreachableException;
import dev.missive.openmsg.spi.PendingHandshake;
import dev.missive.openmsg.wire.AuthConfirmRequest;
import dev.missive.openmsg.wire.AuthRequest;
import dev.missive.openmsg.wire.AuthSuccess;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import dev.missive.openmsg.wire.WireFormatException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The initiator's side of the handshake: {@link #connect} and {@code auth-confirm/}. */
final class HandshakeInitiator {

    private final NodeContext ctx;

    HandshakeInitiator(NodeContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Runs a handshake as initiator: stores a pending handshake (so our {@code auth-confirm/} can answer
     * the acceptor's callback), POSTs {@code auth/}, and stores the connection from the answer. The
     * pending handshake is removed whatever happens.
     */
    ConnectResult connect(OpenmsgAddress self, OpenmsgAddress other, String passCode) {
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
        String passcodeHash = MessageSeal.passcodeHash(passCode, self, other);
        Instant now = ctx.clock().now();
        ctx.store().putPendingHandshake(new PendingHandshake(self, other, passcodeHash, now,
                now.plus(ctx.config().handshakeLifetime())));
        try {
            return requestAuth(self, other, passCode, user.get());
        } finally {
            ctx.store().removePendingHandshake(self, other, passcodeHash);
        }
    }

    private ConnectResult requestAuth(OpenmsgAddress self, OpenmsgAddress other, String passCode, OpenmsgUser user) {
        byte[] body = OpenmsgJson.encode(new AuthRequest(other.id(), passCode, self.toString(), user.displayName(), true));
        PeerResponse response;
        try {
            response = ctx.post(other.domain(), OpenmsgEndpoint.AUTH, body);
        } catch (PeerUnreachableException e) {
            return fail(self, other, HandshakeError.PEER_UNREACHABLE, NodeContext.describe(e));
        }
        PeerReply reply;
        try {
            reply = OpenmsgJson.parseReply(response.body(), ctx.config().maxRequestBytes());
        } catch (WireFormatException e) {
            return fail(self, other, HandshakeError.MALFORMED_RESPONSE,
                    "HTTP " + response.status() + ": " + e.getMessage());
        }
        if (!reply.succeeded()) {
            return fail(self, other, HandshakeError.PEER_REJECTED,
                    reply.errorMessage().map(NodeContext::sanitize).orElse("HTTP " + response.status()));
        }
        AuthSuccess success;
        try {
            success = OpenmsgJson.authSuccess(reply);
        } catch (WireFormatException e) {
            return fail(self, other, HandshakeError.MALFORMED_RESPONSE, e.getMessage());
        }
        String otherName = success.receivingName();
        if (!otherName.isEmpty() && !NodeContext.isValidDisplayName(otherName)) {
            return fail(self, other, HandshakeError.MALFORMED_RESPONSE,
                    "receiving_openmsg_address_name must be at most 40 characters without control characters");
        }
        // The acceptor is authoritative for the ident code: if it lost its row and made a new one, we take
        // it (the reference refuses and the pair can never reconnect, digest §11.4).
        ctx.store().putConnection(new OpenmsgConnection(self, other, otherName, true,
                success.authCode().toLowerCase(Locale.ROOT), success.identCode().toLowerCase(Locale.ROOT),
                success.messageCryptKey().toLowerCase(Locale.ROOT), ctx.clock().now()));
        ctx.emit("handshake.completed", Map.of("self", self.toString(), "other", other.toString()));
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
                .orElseThrow(() -> new HandshakeRejectedException(HandshakeError.INVALID_ADDRESS,
                        "receiving_openmsg_address is not a valid address"));
        if (request.legacyPassCode().isPresent() && !NodeContext.isPassCodeFormat(request.legacyPassCode().get())) {
            throw new HandshakeRejectedException(HandshakeError.MALFORMED_REQUEST, "pass_code must be six digits");
        }
        PendingHandshake match = null;
        for (PendingHandshake candidate : ctx.store().pendingHandshakes(acceptor)) {
            String presented = request.passcodeHash()
                    .map(hash -> hash.toLowerCase(Locale.ROOT))
                    .orElseGet(() -> MessageSeal.passcodeHash(request.legacyPassCode().orElseThrow(),
                            candidate.initiator(), acceptor));
            if (ConstantTime.equals(presented, candidate.passcodeHash()) && match == null) {
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
        ctx.emit("handshake.confirmed", Map.of("self", match.initiator().toString(), "other", acceptor.toString()));
    }

    private ConnectResult fail(OpenmsgAddress self, OpenmsgAddress other, HandshakeError error, String detail) {
        ctx.emit("handshake.failed", Map.of("self", self.toString(), "other", other.toString(), "error", error.name()));
        return new ConnectResult.Failed(error, detail);
    }
}
