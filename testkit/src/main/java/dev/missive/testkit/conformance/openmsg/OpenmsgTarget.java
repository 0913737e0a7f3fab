package dev.missive.testkit.conformance.openmsg;

import dev.missive.openmsg.model.OpenmsgAddress;
import java.net.URI;
import java.util.Objects;

/**
 * The Openmsg node under test and how the suite reaches and drives it.
 *
 * @param baseUri    the target's {@code .../openmsg/} base (the suite appends {@code sandbox/} in sandbox mode)
 * @param user       a user of the target, the other side of every handshake and message
 * @param domain     the domain the suite's own peer node serves (the target must reach it at {@code listenHost:listenPort})
 * @param listenHost the address the suite's peer binds
 * @param listenPort the port the suite's peer binds (0: any free one, only useful in-process)
 * @param hooks      what drives the target's operator side (shell commands for the CLI)
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
     * {@code user at baseUri}.
     *
     * @return the description used in reports
     */
    public String describe() {
        return user + " at " + baseUri + (sandbox ? " (sandbox)" : "");
    }
}
