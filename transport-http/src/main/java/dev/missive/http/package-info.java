/**
 * HTTP plumbing shared by the protocol adapters: an embedded server on the JDK's HTTP server with a
 * virtual thread per exchange ({@link dev.missive.http.EmbeddedHttpServer}, which hands each request
 * to a {@link dev.missive.http.RequestHandler} and writes back its
 * {@link dev.missive.http.HttpResult}), and an outbound client on OkHttp
 * ({@link dev.missive.http.HttpPeerClient}) with connect, read and whole-call timeouts, a response
 * size cap, no redirects and a shared keep-alive pool. Bodies are always read with a cap
 * ({@link dev.missive.http.BoundedBodies}).
 *
 * <p><b>Where to start.</b> To serve or call Openmsg, use {@link dev.missive.http.openmsg}. To put
 * another protocol on HTTP:
 *
 * <pre>{@code
 * RequestHandler handler = (method, path, body) -> {
 *     try {
 *         return new HttpResult(200, answer(path, BoundedBodies.readAll(body, 64 * 1024)));
 *     } catch (BodyTooLargeException e) {
 *         return HttpResult.error(413, "request body too large");
 *     } catch (IOException e) {
 *         return HttpResult.error(400, "request body could not be read");
 *     }
 * };
 * try (EmbeddedHttpServer server = EmbeddedHttpServer.builder(handler).port(8080).build().start()) {
 *     HttpPeerClient client = HttpPeerClient.create();
 *     HttpPeerClient.Answer answer = client.post(URI.create("http://127.0.0.1:8080/x"), json);
 * }
 * }</pre>
 *
 * {@link dev.missive.http.HttpPeerClient#post} tells a call that certainly never reached the peer
 * ({@link dev.missive.http.RequestNotSentException}, safe to retry) from one that may have
 * ({@link java.io.IOException}), so a protocol can decide whether a retry could duplicate it.
 */
package dev.missive.http;
