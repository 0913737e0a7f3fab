package dev.missive.openmsg;

import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.model.ResponseCode;
import dev.missive.openmsg.spi.OpenmsgConnection;
import dev.missive.openmsg.spi.ReceivingConnection;
import dev.missive.openmsg.wire.MessageConfirmRequest;
import dev.missive.openmsg.wire.MessageReceiveRequest;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.openmsg.wire.OpenmsgJson;
import dev.missive.openmsg.wire.PeerReply;
import dev.missive.openmsg.wire.WireFormatException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The recipient's side of a message: {@code message-receive/}. */
final class MessageReceiver {

    private final NodeContext ctx;
    private final PeerCall peers;

    MessageReceiver(NodeContext ctx, PeerCall peers) {
        this.ctx = ctx;
        this.peers = peers;
    }

    /**
     * Handles {@code message-receive/}; checks in this order (docs/openmsg.md "Receive checks"):
     * <ol>
     *   <li>body size, JSON shape, every field's type and format, package base64url → SM_E000;</li>
     *   <li>a connection of the local user with this ident code → SM_E001;</li>
     *   <li>hash recomputed with the connection's auth code, constant-time compare → SM_E004;</li>
     *   <li>timestamp not older than the window and not further ahead than the skew → SM_E005;</li>
     *   <li>hash not already accepted (replay guard) → SM_E007;</li>
     *   <li>package opens with the connection's key → SM_E006;</li>
     *   <li>message-confirm callback to the domain of the stored connection's other address → its code,
     *       SM_E003 or SM_E000;</li>
     *   <li>atomic replay-guard insert + inbox insert (a concurrent duplicate loses here) → SM_E007.</li>
     * </ol>
     */
    void onMessageReceive(byte[] body) throws MessageRejectedException {
        MessageReceiveRequest request;
        MessageSeal.Opened opened;
        try {
            request = OpenmsgJson.decodeMessageReceiveRequest(body, ctx.config().maxRequestBytes());
            opened = MessageSeal.decodePackage(request.messagePackage());
        } catch (WireFormatException e) {
            throw new MessageRejectedException(ResponseCode.SM_E000, e.getMessage());
        }
        String hash = request.messageHash().toLowerCase(Locale.ROOT);
        Instant now = ctx.clock().now();
        // The connection and the replay flag in one store call (one query on a database); the flag is
        // looked at only in its turn below, so the checks answer in the documented order.
        ReceivingConnection found = connectionFor(request, hash, now)
                .orElseThrow(() -> new MessageRejectedException(ResponseCode.SM_E001, "unknown ident code"));
        OpenmsgConnection connection = found.connection();

        if (!MessageSeal.messageHashMatches(
                request.messageHash(),
                request.messagePackage(),
                connection.authCode(),
                request.messageSalt(),
                request.messageTimestamp())) {
            throw new MessageRejectedException(ResponseCode.SM_E004, "message hash does not match");
        }
        // Compared as seconds before any Instant is made from it: a timestamp beyond Instant's range
        // (up to Long.MAX_VALUE passes the JSON check) is simply too far in the future.
        if (request.messageTimestamp() > now.plus(ctx.config().maxFutureSkew()).getEpochSecond()) {
            throw new MessageRejectedException(ResponseCode.SM_E005, "message timestamp too far in the future");
        }
        Instant sentAt = Instant.ofEpochSecond(request.messageTimestamp());
        if (sentAt.plus(ctx.config().messageWindow()).isBefore(now)) {
            throw new MessageRejectedException(ResponseCode.SM_E005, "message older than the accepted window");
        }
        if (found.replay()) {
            throw new MessageRejectedException(ResponseCode.SM_E007, "message already received");
        }
        String text = MessageSeal.open(connection.messageCryptKey(), opened)
                .orElseThrow(() -> new MessageRejectedException(ResponseCode.SM_E006, "message does not decrypt"));

        confirmWithSender(connection, hash, opened.nonceText());

        Instant receivedAt = ctx.clock().now();
        InboxMessage message = new InboxMessage(
                connection.self(), connection.other(), connection.otherName(), hash, text, sentAt, receivedAt);
        if (!ctx.store().acceptInbound(message, receivedAt.plus(ctx.config().replayGuardRetention()))) {
            throw new MessageRejectedException(ResponseCode.SM_E007, "message already received");
        }
        ctx.emit(new OpenmsgEvent.MessageAccepted(receivedAt, connection.self(), connection.other(), hash));
    }

    private Optional<ReceivingConnection> connectionFor(MessageReceiveRequest request, String hash, Instant now) {
        return OpenmsgAddress.isValidId(request.receivingAddressId())
                ? OpenmsgAddress.tryParse(request.receivingAddressId() + "*" + ctx.domain())
                        .flatMap(self -> ctx.store().receivingConnection(self, request.identCode(), hash, now))
                : Optional.empty();
    }

    /** The callback proving the message came from the connection's domain (never a domain from the request). */
    private void confirmWithSender(OpenmsgConnection connection, String hash, String nonce)
            throws MessageRejectedException {
        byte[] body = OpenmsgJson.encode(new MessageConfirmRequest(hash, nonce));
        PeerReply reply;
        try {
            reply = peers.post(connection.other().domain(), OpenmsgEndpoint.MESSAGE_CONFIRM, body);
        } catch (PeerCall.Failed e) {
            throw switch (e.stage()) {
                // This detail goes back to the sender on the wire: the reason only, not the transport's
                // words (they may name an internal address the locator maps the sender's domain to).
                case UNREACHABLE ->
                    new MessageRejectedException(
                            ResponseCode.SM_E000, "sending node unreachable for confirmation (" + e.reason() + ")");
                case STATUS ->
                    e.status() == 404
                            ? new MessageRejectedException(
                                    ResponseCode.SM_E003, "sending node has no confirmation endpoint")
                            : new MessageRejectedException(
                                    ResponseCode.SM_E000, "sending node answered HTTP " + e.status());
                case REPLY -> new MessageRejectedException(ResponseCode.SM_E000, "sending node: " + e.getMessage());
            };
        }
        if (reply.error()) {
            ResponseCode code = reply.responseCode()
                    .flatMap(ResponseCode::fromWire)
                    .filter(c -> !c.isSuccess())
                    .orElse(ResponseCode.SM_E003);
            throw new MessageRejectedException(code, "sending node did not confirm the message");
        }
        if (!reply.success()) {
            throw new MessageRejectedException(ResponseCode.SM_E000, "sending node gave no confirmation");
        }
    }
}
