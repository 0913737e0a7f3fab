package dev.missive.openmsg.spi;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Maps a peer's domain to the base URI of its Openmsg endpoints (ending in {@code /}); an endpoint's
 * URI is {@code baseUri(domain).resolve(prefix + endpoint.path())}. The domain is always a validated
 * {@link dev.missive.openmsg.model.OpenmsgAddress} domain taken from a stored connection or a validated
 * address, never raw request text.
 */
@FunctionalInterface
public interface PeerLocator {

    /**
     * The base URI for {@code domain}, ending in {@code /}.
     *
     * @param domain the peer's domain, lower case
     * @return the absolute base URI of the peer's {@code /openmsg/} endpoints
     */
    URI baseUri(String domain);

    /**
     * The protocol's default: {@code https://<domain>/openmsg/} (port 443).
     *
     * @return the default locator
     */
    static PeerLocator https() {
        return domain -> URI.create("https://" + domain + "/openmsg/");
    }

    /**
     * Uses {@code overrides} (keys compared case-insensitively; values get a trailing slash if they
     * lack one) and {@code fallback} for every other domain. Tests and operators map domains to
     * loopback ports this way.
     *
     * @param overrides base URIs for particular domains, e.g. {@code
     *     http://127.0.0.1:8081/openmsg/}
     * @param fallback the locator for every domain not in {@code overrides}
     * @return the combined locator
     */
    static PeerLocator withOverrides(Map<String, URI> overrides, PeerLocator fallback) {
        Objects.requireNonNull(fallback, "fallback");
        Map<String, URI> normalised = new java.util.HashMap<>();
        overrides.forEach((domain, uri) -> {
            String text = uri.toString();
            normalised.put(domain.toLowerCase(Locale.ROOT), text.endsWith("/") ? uri : URI.create(text + "/"));
        });
        Map<String, URI> copy = Map.copyOf(normalised);
        return domain -> {
            URI override = copy.get(domain.toLowerCase(Locale.ROOT));
            return override != null ? override : fallback.baseUri(domain);
        };
    }
}
