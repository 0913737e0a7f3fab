package dev.missive.emsg;

import java.util.Objects;

/**
 * A peer's answer to one {@link OutboundDelivery}, for {@link EmsgServer#onDeliveryReplies}.
 *
 * @param delivery the delivery
 * @param line     the line the peer answered ({@code null} or malformed counts as no valid answer)
 */
public record DeliveryReply(OutboundDelivery delivery, String line) {

    /** Checks the delivery. */
    public DeliveryReply {
        Objects.requireNonNull(delivery, "delivery");
    }
}
