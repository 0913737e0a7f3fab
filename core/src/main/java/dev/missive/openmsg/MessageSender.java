package dev.missive.openmsg;

import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.model.ResponseCode;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.OutboundMessage;
import dev.missive.openmsg.spi.OutboundStatus;
import dev.missive.openmsg.spi.SendingUser;
import dev.missive.openmsg.wire.MessageConfirmRequest;
import dev.missive.openmsg.wire.MessageReceiveRequest;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import dev.missive.openmsg.wire.WireFormatException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The sender's side of a message: {@link #send} and {@code message-confirm/}. */
final class MessageSender {

    private final NodeContext ctx;
    private final PeerCall peers;

    MessageSender(NodeContext ctx, PeerCall peers) {
        this.ctx = ctx;
        this.peers = peers;
    }

    /**
     * Seals {@code text} for the connection (from, to), records it (so message-confirm can find it)
     * before posting it to the recipient's {@code message-receive/}, and records the outcome.
     */
    SendResult send(OpenmsgAddress from, OpenmsgAddress to, String text) {
        if (!ctx.isLocal(from)) {
            return fail(from, to, SendResult.SendFailure.UNKNOWN_USER, Optional.empty(), "not an address of this node");
        }
        // The user and the connection in one store call: one query on a database.
        Optional<SendingUser> user = ctx.store().sendingUser(from, to);
        if (user.isEmpty()) {
            return fail(from, to, SendResult.SendFailure.UNKNOWN_USER, Optional.empty(), "no such local user");
        }
        int length = text == null ? 0 : text.codePointCount(0, text.length());
        if (length == 0 || length > ctx.config().maxMessageChars()) {
            return fail(
                    from,
                    to,
                    SendResult.SendFailure.INVALID_TEXT,
                    Optional.empty(),
                    "text must be 1 to " + ctx.config().maxMessageChars() + " characters");
        }
        Optional<OpenmsgConnection> found = user.get().connection();
        if (found.isEmpty()) {
            return fail(
                    from, to, SendResult.SendFailure.NOT_CONNECTED, Optional.empty(), "no connection: run a handshake");
        }
        OpenmsgConnection connection = found.get();
        if (!connection.otherAcceptsMessages()) {
            return fail(
                    from,
                    to,
                    SendResult.SendFailure.REJECTED,
                    Optional.of(ResponseCode.SM_E002),
                    "the recipient said it does not accept messages");
        }
        Instant now = ctx.clock().now();
        MessageSeal.Sealed sealed = MessageSeal.seal(
                connection.messageCryptKey(),
                connection.authCode(),
                ctx.random().bytes(24),
                ctx.random().bytes(MessageSeal.SALT_LENGTH),
                now.getEpochSecond(),
                text);
        ctx.store()
                .addOutbound(new OutboundMessage(
                        from,
                        to,
                        sealed.messageHash(),
                        sealed.messageNonce(),
                        text,
                        now,
                        now.plus(ctx.config().messageWindow()),
                        OutboundStatus.PENDING));

        byte[] body = OpenmsgJson.encode(new MessageReceiveRequest(
                to.id(),
                connection.identCode(),
                sealed.messagePackage(),
                sealed.messageHash(),
                sealed.messageSalt(),
                sealed.timestamp(),
                Optional.of(user.get().user().displayName())));
        Optional<SendResult.Failed> failure = deliver(to, body);
        ctx.store()
                .completeOutbound(
                        sealed.messageHash(), failure.isEmpty() ? OutboundStatus.DELIVERED : OutboundStatus.FAILED);
        if (failure.isPresent()) {
            return fail(
                    from,
                    to,
                    failure.get().reason(),
                    failure.get().peerCode(),
                    failure.get().detail());
        }
        ctx.emit(new OpenmsgEvent.MessageSent(ctx.clock().now(), from, to, sealed.messageHash()));
        return new SendResult.Sent(sealed.messageHash());
    }

    /** Posts the message; empty if the recipient accepted it, else why not. */
    private Optional<SendResult.Failed> deliver(OpenmsgAddress to, byte[] body) {
        PeerReply reply;
        try {
            reply = peers.post(to.domain(), OpenmsgEndpoint.MESSAGE_RECEIVE, body);
        } catch (PeerCall.Failed e) {
            SendResult.SendFailure reason = switch (e.stage()) {
                case UNREACHABLE -> SendResult.SendFailure.PEER_UNREACHABLE;
                case STATUS -> SendResult.SendFailure.REJECTED;
                case REPLY -> SendResult.SendFailure.MALFORMED_RESPONSE;
            };
            return Optional.of(new SendResult.Failed(reason, Optional.empty(), e.getMessage()));
        }
        Optional<ResponseCode> code = reply.responseCode().flatMap(ResponseCode::fromWire);
        if (reply.succeeded() && code.map(ResponseCode::isSuccess).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new SendResult.Failed(
                SendResult.SendFailure.REJECTED,
                code.filter(c -> !c.isSuccess()),
                reply.errorMessage().map(NodeContext::sanitize).orElse("the receiving node refused")));
    }

    /**
     * Handles {@code message-confirm/}: true only for a hash this node sent, with its nonce, still
     * pending and within the window; each message is confirmed once.
     */
    void onMessageConfirm(byte[] body) throws MessageRejectedException {
        MessageConfirmRequest request;
        try {
            request = OpenmsgJson.decodeMessageConfirmRequest(body, ctx.config().maxRequestBytes());
        } catch (WireFormatException e) {
            throw new MessageRejectedException(ResponseCode.SM_E000, e.getMessage());
        }
        String hash = request.messageHash().toLowerCase(Locale.ROOT);
        if (!ctx.store()
                .confirmOutbound(hash, request.messageNonce(), ctx.clock().now())) {
            throw new MessageRejectedException(ResponseCode.SM_E003, "message unknown");
        }
        ctx.emit(new OpenmsgEvent.MessageConfirmed(ctx.clock().now(), hash));
    }

    private SendResult fail(
            OpenmsgAddress from,
            OpenmsgAddress to,
            SendResult.SendFailure reason,
            Optional<ResponseCode> code,
            String detail) {
        ctx.emit(new OpenmsgEvent.MessageSendFailed(ctx.clock().now(), from, to, reason, code));
        return new SendResult.Failed(reason, code, detail);
    }
}
