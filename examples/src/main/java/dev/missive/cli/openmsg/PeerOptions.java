package dev.missive.cli.openmsg;

import dev.missive.cli.CommandFailure;
import dev.missive.cli.Tls;
import dev.missive.http.HttpPeerClient;
import dev.missive.http.openmsg.OkHttpPeerTransport;
import dev.missive.openmsg.OpenmsgConfig;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.openmsg.spi.PeerLocator;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * How a command reaches other nodes: {@code --peer DOMAIN=URL} overrides, {@code --trust-cert} and
 * {@code --sandbox} (shared by the node and the operator commands that act for it).
 */
final class PeerOptions {

    @Option(
            names = "--sandbox",
            description = "Call peers under /openmsg/sandbox/ (both sides must agree;"
                    + " give it to the operator commands of a sandbox node too).")
    boolean sandbox;

    @Option(
            names = "--peer",
            paramLabel = "DOMAIN=URL",
            converter = Peer.class,
            description = "Reach DOMAIN at URL (its /openmsg/ base) instead of https://DOMAIN/openmsg/. Repeatable.")
    List<Map.Entry<String, URI>> peers = new ArrayList<>();

    @Option(
            names = "--trust-cert",
            paramLabel = "FILE",
            description = "Verify peers' TLS certificates against the CA certificates in this PEM file only"
                    + " (default: the JDK's CAs plus the operating system's CA bundle).")
    Path trustCert;

    /** The node configuration these options imply: the defaults, in sandbox mode if asked. */
    OpenmsgConfig config() {
        return OpenmsgConfig.DEFAULTS.withSandbox(sandbox);
    }

    /** The locator: the overrides, then {@code https://<domain>/openmsg/}. */
    PeerLocator locator() {
        Map<String, URI> overrides = new LinkedHashMap<>();
        peers.forEach(peer -> overrides.put(peer.getKey(), peer.getValue()));
        return PeerLocator.withOverrides(overrides, PeerLocator.https());
    }

    /** Parses {@code --peer DOMAIN=URL}: a valid domain and an absolute http(s) URL, else a usage error. */
    static final class Peer implements ITypeConverter<Map.Entry<String, URI>> {
        @Override
        public Map.Entry<String, URI> convert(String value) {
            int equals = value.indexOf('=');
            String domain = equals < 0 ? value : value.substring(0, equals);
            if (equals < 0 || !OpenmsgAddress.isValidDomain(domain)) {
                throw new TypeConversionException("'" + value + "' is not DOMAIN=URL with a valid domain"
                        + " (e.g. b.example=http://127.0.0.1:8082/openmsg/)");
            }
            URI url;
            try {
                url = new URI(value.substring(equals + 1));
            } catch (URISyntaxException e) {
                url = null;
            }
            if (url == null
                    || url.getHost() == null
                    || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new TypeConversionException(
                        "'" + value + "': the URL is not an absolute http:// or https:// URL");
            }
            return Map.entry(domain, url);
        }
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
            throw new CommandFailure(
                    "cannot load the CA certificates" + (trustCert != null ? " of --trust-cert " + trustCert : "")
                            + ": " + CommandFailure.reason(e),
                    e);
        }
        HttpPeerClient client = HttpPeerClient.builder()
                .trust(Tls.clientContext(trust).getSocketFactory(), trust)
                .build();
        return new OkHttpPeerTransport(client);
    }
}
