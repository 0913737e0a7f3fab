package dev.missive.testkit.conformance.osms;

import dev.missive.http.osms.OkHttpOsmsTransport;
import dev.missive.osms.OsmsServer;
import dev.missive.osms.spi.OsmsHttpRequest;
import dev.missive.osms.spi.OsmsHttpResponse;
import dev.missive.osms.wire.MediaTypes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The suite's raw HTTP client of the target: any method, path, headers and body (wrong content
 * types and garbage included), through the client's own {@link OkHttpOsmsTransport} (timeouts,
 * response cap, redirects refused).
 */
final class Probe {

    private final OkHttpOsmsTransport transport;

    Probe(URI baseUrl) {
        this.transport = OkHttpOsmsTransport.builder(baseUrl).build();
    }

    /** An answer of the target; header names compared in any case. */
    record Reply(int status, Map<String, String> headers, byte[] body) {

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        /** The {@code OSMS-Error} code, or {@code none}. */
        String error() {
            return header(OsmsServer.ERROR_HEADER).orElse("none");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** {@code HTTP 400 (OSMS-Error malformed)}, for failure reasons. */
        String describe() {
            return "HTTP " + status
                    + (headers.containsKey(OsmsServer.ERROR_HEADER) ? " (OSMS-Error " + error() + ")" : "");
        }
    }

    Reply get(String path, String accept) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (accept != null) {
            headers.put("Accept", accept);
        }
        return exchange("GET", path, headers, new byte[0]);
    }

    /** POSTs {@code body} with the content type (none when null) and session header (none when null). */
    Reply post(String path, String session, String contentType, byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (session != null) {
            headers.put(OsmsServer.SESSION_HEADER, session);
        }
        return exchange("POST", path, headers, body);
    }

    /** POSTs one OTR message as {@code text/plain}. */
    Reply post(String path, String session, String otrMessage) throws IOException {
        return post(path, session, MediaTypes.TEXT, otrMessage.getBytes(StandardCharsets.US_ASCII));
    }

    Reply exchange(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        OsmsHttpResponse response = transport.exchange(new OsmsHttpRequest(method, path, headers, body));
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        named.putAll(response.headers());
        return new Reply(response.status(), named, response.body());
    }

    /** Whether {@code reply} carries a Gob or JSON document as its content type says. */
    static boolean hasType(Reply reply, MediaTypes.Format format) {
        return reply.header("Content-Type")
                .flatMap(MediaTypes::fromContentType)
                .filter(format::equals)
                .isPresent();
    }
}
