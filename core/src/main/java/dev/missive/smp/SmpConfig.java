package dev.missive.smp;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of an {@link SmpServer}; {@code docs/smp.md} explains each.
 *
 * @param messageTtl    how long a message is kept, delivered or not
 * @param queueQuota    most messages a queue holds; a {@code SEND} to a full queue gets {@code ERR SIZE}
 * @param maxBodySize   largest message body in bytes; larger ones get {@code ERR SIZE}
 * @param maxLineLength longest accepted transmission line in bytes; a longer one gets {@code ERR SIZE}.
 *                      By default derived from {@code maxBodySize} (see {@link #withMaxBodySize})
 * @param ackWithMsgId  accept the {@code ACK <msgId>} extension (off: seed-exact {@code ACK} only)
 */
public record SmpConfig(Duration messageTtl, int queueQuota, int maxBodySize, int maxLineLength, boolean ackWithMsgId) {

    /** Largest body the server can be configured to accept. */
    public static final int MAX_BODY_SIZE_LIMIT = 64 * 1024 * 1024;

    /** Shortest line limit: a {@code CONN} with a 4096-bit RSA key (about 740 bytes) must fit. */
    public static final int MIN_LINE_LENGTH = 1024;

    /** The defaults: 21 days, 128 messages per queue, 16 KiB bodies, derived line length, seed-exact {@code ACK}. */
    public static final SmpConfig DEFAULTS =
            new SmpConfig(Duration.ofDays(21), 128, 16 * 1024, derivedLineLength(16 * 1024), false);

    /** Checks the components. */
    public SmpConfig {
        Objects.requireNonNull(messageTtl, "messageTtl");
        if (messageTtl.isNegative() || messageTtl.isZero()) {
            throw new IllegalArgumentException("messageTtl must be positive");
        }
        if (queueQuota < 1) {
            throw new IllegalArgumentException("queueQuota must be at least 1");
        }
        if (maxBodySize < 1 || maxBodySize > MAX_BODY_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxBodySize must be between 1 and " + MAX_BODY_SIZE_LIMIT);
        }
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must be at least " + MIN_LINE_LENGTH);
        }
    }

    /**
     * The same configuration with messages kept for {@code value}.
     *
     * @param value how long a stored message is kept before it expires; positive
     * @return a copy with only this value changed
     */
    public SmpConfig withMessageTtl(Duration value) {
        return new SmpConfig(value, queueQuota, maxBodySize, maxLineLength, ackWithMsgId);
    }

    /**
     * The same configuration with queues holding at most {@code value} messages.
     *
     * @param value the most messages a queue holds; positive
     * @return a copy with only this value changed
     */
    public SmpConfig withQueueQuota(int value) {
        return new SmpConfig(messageTtl, value, maxBodySize, maxLineLength, ackWithMsgId);
    }

    /**
     * The same configuration with bodies of at most {@code value} bytes and the line length derived
     * from it: {@code max(4096, value + 64)}, room for a text {@code SEND} of a full body and its
     * command word. Call {@link #withMaxLineLength} afterwards to set the line length explicitly.
     *
     * @param value the largest message body in bytes, 1 to {@link #MAX_BODY_SIZE_LIMIT}
     * @return a copy with the body size and the line length changed
     */
    public SmpConfig withMaxBodySize(int value) {
        return new SmpConfig(messageTtl, queueQuota, value, derivedLineLength(value), ackWithMsgId);
    }

    /**
     * The same configuration with lines of at most {@code value} bytes.
     *
     * @param value the longest command line in bytes, at least {@link #MIN_LINE_LENGTH}
     * @return a copy with only this value changed
     */
    public SmpConfig withMaxLineLength(int value) {
        return new SmpConfig(messageTtl, queueQuota, maxBodySize, value, ackWithMsgId);
    }

    /**
     * The same configuration with the {@code ACK <msgId>} extension on or off.
     *
     * @param value {@code true} to accept {@code ACK <msgId>}
     * @return a copy with only this value changed
     */
    public SmpConfig withAckWithMsgId(boolean value) {
        return new SmpConfig(messageTtl, queueQuota, maxBodySize, maxLineLength, value);
    }

    private static int derivedLineLength(int maxBodySize) {
        return Math.max(4096, maxBodySize + 64);
    }
}
