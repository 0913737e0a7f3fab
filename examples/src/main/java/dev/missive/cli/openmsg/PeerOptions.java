package dev.missive.cli.openmsg;

import dev.missive.cli.CommandFailure;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerLocator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a command reaches other nodes: {@code --peer DOMAIN=URL} overrides, {@code --trust-cert} and
 * {@code --sandbox} (shared by the node and the operator commands that act for it).
 */
final class PeerOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--sandbox", description = "Call peers under /openmsg/sandbox/ (both sides must agree;"
            + " give it to the operator commands of a sandbox node too).")
    boolean sandbox;

    @Option(names = "--peer", paramLabel = "DOMAIN=URL",
            description = "Reach DOMAIN at URL (its /openmsg/ base) instead of https://DOMAIN/openmsg/. Repeatable.")
    Map<String, URI> peers = new LinkedHashMap<>();

    @Option(names = "--trust-cert", paramLabel = "FILE",
            description = "Verify peers' TLS certificates against the CA certificates in this PEM file only"
                    + " (default: the JDK's CAs plus the operating system's CA bundle).")
    Path trustCert;

    /** The node configuration these options imply: the defaults, in sandbox mode if asked. */
    OpenmsgConfig config() {
        return OpenmsgConfig.DEFAULTS.withSandbox(sandbox);
    }

    /** The locator: the overrides, then {@code https://<domain>/openmsg/}. */
    PeerLocator locator() {
        for (String domain : peers.keySet()) {
            if (!OpenmsgAddress.isValidDomain(domain)) {
                throw new ParameterException(mixee.commandLine(), "--peer: invalid domain '" + domain + "'");
            }
        }
        return PeerLocator.withOverrides(peers, PeerLocator.https());
    }

    /**
     * The transport: OkHttp with the default timeouts and the chosen trust.
     *
     * @throws CommandFailure if the CA certificates cannot be read
     */
    OkHttpPeerTransport transport() throws GeneralSecurityException {
        X509TrustManager trust;
        try {
            trust = trustCert != null ? Tls.trustManager(trustCert) : Tls.defaultTrustManager();
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandFailure("cannot load the CA certificates"
                    + (trustCert != null ? " of --trust-cert " + trustCert : "") + ": " + CommandFailure.reason(e), e);
        }
        HttpPeerClient client = HttpPeerClient.builder()
                .trust(Tls.clientContext(trust).getSocketFactory(), trust)
                .build();
        return new OkHttpPeerTransport(client);
    }
}
