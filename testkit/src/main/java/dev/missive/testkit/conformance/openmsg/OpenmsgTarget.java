package dev.missive.testkit.conformance.openmsg;

import dev.missive.openmsg.model.OpenmsgAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The Openmsg node under test and how the suite reaches and drives it.
 *
 * @param baseUri    the target's {@code .../openmsg/} base (the suite appends {@code sandbox/} in sandbox mode)
 * @param user       a user of the target, the other side of every handshake and message
 * @param domain     the domain the suite's own peer node serves (the target must reach it at {@code listenHost:listenPort})
 * @param listenHost the address the suite's peer binds
 * @param listenPort the port the suite's peer binds (0: any free one, only useful in-process)
 * @param hooks      shell command templates that drive the target's operator side
 * @param sandbox    whether both nodes use the {@code /openmsg/sandbox/} paths
 */
public record OpenmsgTarget(
        URI baseUri,
        OpenmsgAddress user,
        String domain,
        String listenHost,
        int listenPort,
        OperatorHooks hooks,
        boolean sandbox) {

    /** Validates the components. */
    public OpenmsgTarget {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(hooks, "hooks");
        if (!OpenmsgAddress.isValidDomain(domain)) {
            throw new IllegalArgumentException("not a valid Openmsg domain: " + domain);
        }
        if (domain.equalsIgnoreCase(user.domain())) {
            throw new IllegalArgumentException("the suite's domain must differ from the target user's domain");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + listenPort);
        }
        String text = baseUri.toString();
        baseUri = text.endsWith("/") ? baseUri : URI.create(text + "/");
    }

    /**
     * Shell command templates for the target's operator side; an absent hook makes the checks that
     * need it SKIP. Placeholders (also set as environment variables): {@code {user}}
     * ({@code MISSIVE_USER}, the target user's address), {@code {user_id}} ({@code MISSIVE_USER_ID}),
     * {@code {peer}} ({@code MISSIVE_PEER}, the suite's user address), {@code {pass_code}}
     * ({@code MISSIVE_PASS_CODE}) and {@code {text}} ({@code MISSIVE_TEXT}, letters, digits and
     * dashes only).
     *
     * @param passCode prints a fresh pass code of {@code {user}} (the first six-digit word of its output is used)
     * @param connect  makes {@code {user}} connect to {@code {peer}} with {@code {pass_code}}
     * @param send     makes {@code {user}} send {@code {text}} to {@code {peer}}
     * @param inbox    prints {@code {user}}'s inbox (message texts appear verbatim)
     */
    public record OperatorHooks(
            Optional<String> passCode, Optional<String> connect, Optional<String> send, Optional<String> inbox) {

        /** No hooks: only the checks that need none run. */
        public static final OperatorHooks NONE =
                new OperatorHooks(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        /** Validates the components. */
        public OperatorHooks {
            Objects.requireNonNull(passCode, "passCode");
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(send, "send");
            Objects.requireNonNull(inbox, "inbox");
        }
    }

    /**
     * {@code user at baseUri}.
     *
     * @return the description used in reports
     */
    public String describe() {
        return user + " at " + baseUri + (sandbox ? " (sandbox)" : "");
    }
}
