package dev.missive.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A framework-neutral HTTP answer: a status code and a JSON body. Hosts that mount a Missive
 * handler in their own server copy both to their response and send
 * {@code Content-Type: application/json}.
 *
 * @param status  the HTTP status code
 * @param body    the response body (JSON, UTF-8); never {@code null}
 * @param headers extra response headers besides the content type (e.g. {@code Allow} on a 405)
 */
public record HttpResult(int status, byte[] body, Map<String, String> headers) {

    /** The content type of every body Missive answers with. */
    public static final String CONTENT_TYPE = "application/json";

    /** Checks the components and keeps its own copies of the arrays. */
    public HttpResult {
        Objects.requireNonNull(body, "body");
        body = body.clone();
        headers = Map.copyOf(headers);
    }

    /**
     * A result without extra headers.
     *
     * @param status the HTTP status, e.g. 200
     * @param body the response body; copied
     */
    public HttpResult(int status, byte[] body) {
        this(status, body, Map.of());
    }

    /**
     * A copy of the body.
     *
     * @return a copy of the body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * An error answer in the shape the Openmsg reference uses for errors that have no protocol code:
     * {@code {"error":true,"error_message":"..."}}. The message must be a fixed text (it is not
     * escaped beyond quotes and backslashes, and never carries request input).
     *
     * @param status the HTTP status, e.g. 400
     * @param message the fixed error text
     * @return the result, its body the JSON error object
     */
    public static HttpResult error(int status, String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        String json = "{\"error\":true,\"error_message\":\"" + escaped + "\"}";
        return new HttpResult(status, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * This result with one more response header.
     *
     * @param name the header name
     * @param value the header value
     * @return a copy with the header added
     */
    public HttpResult withHeader(String name, String value) {
        Map<String, String> merged = new java.util.HashMap<>(headers);
        merged.put(name, value);
        return new HttpResult(status, body, merged);
    }

    @Override
    public String toString() {
        return "HttpResult[status=" + status + ", body=" + body.length + " bytes, headers=" + headers + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpResult that
                && status == that.status
                && Arrays.equals(body, that.body)
                && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, Arrays.hashCode(body), headers);
    }
}
