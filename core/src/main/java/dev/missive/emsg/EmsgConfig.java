package dev.missive.emsg;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of an {@link EmsgServer}; {@code docs/emsg.md}, "Limits" and "Delivery", explains each.
 *
 * @param registrationOpen   whether clients may create accounts with {@code register}
 * @param maxLineLength      longest accepted line in bytes (UTF-8, without the newline); longer gets 413 and a close
 * @param maxBodyLength      longest chat {@code body} in characters
 * @param futureSkew         how far in the future a message timestamp may be
 * @param challengeTtl       how long an authentication challenge is valid
 * @param seenWindow         how long (sender, id) pairs are remembered for de-duplication; longer than
 *                           {@code outboxLifetime}
 * @param outboxLifetime     how long the outbox retries a message before a failure notice
 * @param retryBase          first retry delay; doubles per attempt
 * @param retryMax           longest retry delay
 * @param deliveryLease      how long an entry handed to the transport stays invisible to other drainers
 * @param inboxRetention     how long inbox entries are kept
 * @param senderRatePerMinute messages per minute one sender may submit (token bucket, burst of the same size)
 * @param domainRatePerMinute messages per minute one peer domain may relay to us
 * @param inboxPageSize      most messages in one {@code inbox} answer
 * @param remoteKeyCacheTtl  how long fetched keys of remote users are reused
 */
public record EmsgConfig(
        boolean registrationOpen,
        int maxLineLength,
        int maxBodyLength,
        Duration futureSkew,
        Duration challengeTtl,
        Duration seenWindow,
        Duration outboxLifetime,
        Duration retryBase,
        Duration retryMax,
        Duration deliveryLease,
        Duration inboxRetention,
        int senderRatePerMinute,
        int domainRatePerMinute,
        int inboxPageSize,
        Duration remoteKeyCacheTtl) {

    /** Shortest line limit: a hello, an auth and an RSA-4096 signature fit. */
    public static final int MIN_LINE_LENGTH = 4096;

    /** The defaults: closed registration, 64 KiB lines, 16 Ki characters of text, 3-day outbox lifetime. */
    public static final EmsgConfig DEFAULTS = new EmsgConfig(
            false,
            64 * 1024,
            16 * 1024,
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            Duration.ofDays(7),
            Duration.ofDays(3),
            Duration.ofSeconds(2),
            Duration.ofMinutes(30),
            Duration.ofMinutes(1),
            Duration.ofDays(90),
            600,
            6000,
            500,
            Duration.ofMinutes(10));

    /** Checks the components. */
    public EmsgConfig {
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must be at least " + MIN_LINE_LENGTH);
        }
        if (maxBodyLength < 1) {
            throw new IllegalArgumentException("maxBodyLength must be positive");
        }
        positive("futureSkew", futureSkew);
        positive("challengeTtl", challengeTtl);
        positive("seenWindow", seenWindow);
        positive("outboxLifetime", outboxLifetime);
        positive("retryBase", retryBase);
        positive("retryMax", retryMax);
        positive("deliveryLease", deliveryLease);
        positive("inboxRetention", inboxRetention);
        positive("remoteKeyCacheTtl", remoteKeyCacheTtl);
        if (seenWindow.compareTo(outboxLifetime) <= 0) {
            throw new IllegalArgumentException("seenWindow must be longer than outboxLifetime");
        }
        if (retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("retryMax must not be shorter than retryBase");
        }
        if (senderRatePerMinute < 1 || domainRatePerMinute < 1 || inboxPageSize < 1) {
            throw new IllegalArgumentException("rates and page size must be positive");
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /**
     * The same configuration with registration open or closed.
     *
     * @param value true to let clients create accounts with {@code register}
     * @return a new configuration; this one is unchanged
     */
    public EmsgConfig withRegistrationOpen(boolean value) {
        return new EmsgConfig(
                value,
                maxLineLength,
                maxBodyLength,
                futureSkew,
                challengeTtl,
                seenWindow,
                outboxLifetime,
                retryBase,
                retryMax,
                deliveryLease,
                inboxRetention,
                senderRatePerMinute,
                domainRatePerMinute,
                inboxPageSize,
                remoteKeyCacheTtl);
    }

    /**
     * The same configuration with lines of at most {@code value} bytes.
     *
     * @param value the longest line accepted, in bytes of UTF-8 without the newline; a longer one gets 413 and a close
     * @return a new configuration; this one is unchanged
     */
    public EmsgConfig withMaxLineLength(int value) {
        return new EmsgConfig(
                registrationOpen,
                value,
                maxBodyLength,
                futureSkew,
                challengeTtl,
                seenWindow,
                outboxLifetime,
                retryBase,
                retryMax,
                deliveryLease,
                inboxRetention,
                senderRatePerMinute,
                domainRatePerMinute,
                inboxPageSize,
                remoteKeyCacheTtl);
    }

    /**
     * The same configuration with this outbox lifetime (the seen window grows to stay longer if needed).
     *
     * @param value how long an outbox entry is retried before it is given up
     * @return a new configuration; this one is unchanged
     */
    public EmsgConfig withOutboxLifetime(Duration value) {
        Duration seen = seenWindow.compareTo(value) > 0 ? seenWindow : value.multipliedBy(2);
        return new EmsgConfig(
                registrationOpen,
                maxLineLength,
                maxBodyLength,
                futureSkew,
                challengeTtl,
                seen,
                value,
                retryBase,
                retryMax,
                deliveryLease,
                inboxRetention,
                senderRatePerMinute,
                domainRatePerMinute,
                inboxPageSize,
                remoteKeyCacheTtl);
    }

    /**
     * The same configuration with these retry delays.
     *
     * @param base the delay before the first retry; each later one doubles it
     * @param max the longest delay between two retries
     * @return a new configuration; this one is unchanged
     */
    public EmsgConfig withRetry(Duration base, Duration max) {
        return new EmsgConfig(
                registrationOpen,
                maxLineLength,
                maxBodyLength,
                futureSkew,
                challengeTtl,
                seenWindow,
                outboxLifetime,
                base,
                max,
                deliveryLease,
                inboxRetention,
                senderRatePerMinute,
                domainRatePerMinute,
                inboxPageSize,
                remoteKeyCacheTtl);
    }

    /**
     * The same configuration with these rate limits (messages per minute).
     *
     * @param perSender how many messages one sender may submit per minute
     * @param perDomain how many messages one peer domain may relay per minute
     * @return a new configuration; this one is unchanged
     */
    public EmsgConfig withRateLimits(int perSender, int perDomain) {
        return new EmsgConfig(
                registrationOpen,
                maxLineLength,
                maxBodyLength,
                futureSkew,
                challengeTtl,
                seenWindow,
                outboxLifetime,
                retryBase,
                retryMax,
                deliveryLease,
                inboxRetention,
                perSender,
                perDomain,
                inboxPageSize,
                remoteKeyCacheTtl);
    }
}
