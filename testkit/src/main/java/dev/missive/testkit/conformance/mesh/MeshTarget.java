package dev.missive.testkit.conformance.mesh;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The mesh relay server under test.
 *
 * @param baseUri  where its endpoints are, {@code http[s]://host[:port]} (a path prefix is kept:
 *                 {@code /send} is resolved below it)
 * @param audience the origin to sign requests for; empty: the {@code origin} its {@code GET /version}
 *                 announces
 */
public record MeshTarget(URI baseUri, Optional<String> audience) {

    /** Validates the components and makes the base end with {@code /}. */
    public MeshTarget {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(audience, "audience");
        if (baseUri.getHost() == null || !("http".equals(baseUri.getScheme()) || "https".equals(baseUri.getScheme()))) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUri);
        }
        String text = baseUri.toString();
        baseUri = text.endsWith("/") ? baseUri : URI.create(text + "/");
    }

    /**
     * A target whose audience comes from its {@code GET /version}.
     *
     * @param baseUri where its endpoints are
     * @return the target
     */
    public static MeshTarget of(URI baseUri) {
        return new MeshTarget(baseUri, Optional.empty());
    }

    /**
     * The URI of an endpoint path such as {@code /send}.
     *
     * @param path the endpoint's path, starting with {@code /}
     * @return the URI below {@link #baseUri()}
     */
    public URI resolve(String path) {
        return baseUri.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /**
     * {@code baseUri} and the audience when one was given.
     *
     * @return the description used in reports
     */
    public String describe() {
        return baseUri + audience.map(a -> " (audience " + a + ")").orElse("");
    }
}
