package dev.missive.openmsg;

import dev.missive.crypto.Secret;
import dev.missive.openmsg.model.HandshakeError;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OpenmsgUser;
import dev.missive.openmsg.wire.AuthConfirmRequest;
import dev.missive.openmsg.wire.AuthRequest;
import dev.missive.openmsg.wire.AuthSuccess;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import dev.missive.openmsg.wire.WireFormatException;
import java.time.Instant;
import java.util.Optional;

/** The acceptor's side of the handshake: {@code auth/}. */
final class HandshakeAcceptor {

    private final NodeContext ctx;
    private final PeerCall peers;

    HandshakeAcceptor(NodeContext ctx, PeerCall peers) {
        this.ctx = ctx;
        this.peers = peers;
    }

    /**
     * Handles {@code auth/}. Checks, in order: body shape; initiator address valid (its domain gets the
     * callback); display name; pass-code format; local user exists; pass code (single use, burn rules);
     * auth-confirm callback to the initiator's domain succeeds. Only then are the codes generated and the
     * connection stored (keeping the pair's ident code on a re-handshake), and the answer returned.
     */
    AuthSuccess onAuth(byte[] body) throws HandshakeRejectedException {
        AuthRequest request;
        try {
            request = OpenmsgJson.decodeAuthRequest(body, ctx.config().maxRequestBytes());
        } catch (WireFormatException e) {
            throw new HandshakeRejectedException(HandshakeError.MALFORMED_REQUEST, e.getMessage());
        }
        OpenmsgAddress initiator = OpenmsgAddress.tryParse(request.sendingAddress())
                .orElseThrow(() -> new HandshakeRejectedException(
                        HandshakeError.INVALID_ADDRESS, "sending_openmsg_address is not a valid address"));
        if (!NodeContext.isValidDisplayName(request.sendingName())) {
            throw new HandshakeRejectedException(
                    HandshakeError.MALFORMED_REQUEST,
                    "sending_openmsg_address_name must be 1 to 40 characters without control characters");
        }
        if (!NodeContext.isPassCodeFormat(request.passCode())) {
            throw new HandshakeRejectedException(HandshakeError.PASS_CODE_INVALID, "pass code is not six digits");
        }
        Optional<OpenmsgUser> user = ctx.store().user(request.receivingAddressId());
        if (user.isEmpty()) {
            // Same answer as a wrong code: the peer learns nothing about which ids exist.
            throw new HandshakeRejectedException(HandshakeError.PASS_CODE_INVALID, "no such user");
        }
        OpenmsgAddress acceptor = ctx.local(user.get().id());
        if (initiator.equals(acceptor)) {
            throw new HandshakeRejectedException(HandshakeError.INVALID_ADDRESS, "an address cannot connect to itself");
        }
        checkPassCode(user.get().id(), request.passCode());

        confirmWithInitiator(initiator, acceptor, request.passCode());

        Secret identCode = ctx.store()
                .connection(acceptor, initiator)
                .map(OpenmsgConnection::identCode)
                .orElseGet(() -> ctx.randomHexSecret(32));
        OpenmsgConnection connection = new OpenmsgConnection(
                acceptor,
                initiator,
                request.sendingName(),
                request.allowReplies(),
                ctx.randomHexSecret(32),
                identCode,
                ctx.randomHexSecret(32),
                ctx.clock().now());
        ctx.store().putConnection(connection);
        ctx.emit(new OpenmsgEvent.HandshakeAccepted(ctx.clock().now(), acceptor, initiator));
        return new AuthSuccess(
                connection.authCode(),
                connection.identCode(),
                connection.messageCryptKey(),
                user.get().displayName());
    }

    private void checkPassCode(String userId, Secret passCode) throws HandshakeRejectedException {
        Instant now = ctx.clock().now();
        switch (ctx.store().usePassCode(userId, passCode, now, ctx.config().maxPassCodeFailures())) {
            case ACCEPTED -> {}
            case EXPIRED -> throw new HandshakeRejectedException(HandshakeError.PASS_CODE_EXPIRED, "pass code expired");
            case REJECTED ->
                throw new HandshakeRejectedException(HandshakeError.PASS_CODE_INVALID, "pass code not valid");
            case LOCKED_OUT -> {
                ctx.emit(new OpenmsgEvent.PassCodeLockedOut(now, ctx.local(userId)));
                throw new HandshakeRejectedException(
                        HandshakeError.PASS_CODE_LOCKED,
                        "too many wrong pass codes: every code of the user was burned");
            }
        }
    }

    /**
     * The callback: the initiator's own domain must confirm it started this handshake. It carries the
     * raw pass code next to its hash because PHP initiators older than 29 Oct 2025 (every working one:
     * the HEAD initiator cannot run; see {@code docs/openmsg.md}) look the handshake up by the raw code. The code is
     * already used up here and goes only to the domain that presented it.
     */
    private void confirmWithInitiator(OpenmsgAddress initiator, OpenmsgAddress acceptor, Secret passCode)
            throws HandshakeRejectedException {
        byte[] body = OpenmsgJson.encode(new AuthConfirmRequest(
                acceptor.toString(),
                Optional.of(MessageSeal.passcodeHash(passCode, initiator, acceptor)),
                Optional.of(passCode)));
        PeerReply reply;
        try {
            reply = peers.post(initiator.domain(), OpenmsgEndpoint.AUTH_CONFIRM, body);
        } catch (PeerCall.Failed e) {
            throw new HandshakeRejectedException(
                    HandshakeError.CONFIRMATION_FAILED,
                    switch (e.stage()) {
                        case UNREACHABLE -> "initiating node unreachable: " + e.getMessage();
                        case STATUS -> "initiating node answered HTTP " + e.status();
                        case REPLY -> "initiating node: " + e.getMessage();
                    });
        }
        if (!reply.succeeded()) {
            throw new HandshakeRejectedException(
                    HandshakeError.CONFIRMATION_FAILED, "initiating node refused the confirmation");
        }
    }
}
