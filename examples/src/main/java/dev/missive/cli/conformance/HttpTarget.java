package dev.missive.cli.conformance;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --target URL} of the HTTP protocols' suites: an absolute http(s) URL with a host. */
final class HttpTarget {

    private HttpTarget() {}

    /** Parses {@code value}; anything but an http(s) URL with a host is a usage error naming {@code --target}. */
    static URI parse(CommandSpec spec, String value) {
        URI base;
        try {
            base = new URI(value);
        } catch (URISyntaxException e) {
            base = null;
        }
        if (base == null
                || base.getHost() == null
                || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw new ParameterException(spec.commandLine(), "--target '" + value + "' is not an http(s) URL");
        }
        return base;
    }
}
