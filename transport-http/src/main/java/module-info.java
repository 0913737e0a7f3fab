/**
 * HTTP bindings: OkHttp peer transports and an embedded HTTP(S) server on the JDK's
 * {@code com.sun.net.httpserver} with virtual threads, for the protocols that speak HTTPS + JSON.
 */
module dev.missive.transport.http {
    requires transitive dev.missive.core;
    requires transitive okhttp3;
    requires jdk.httpserver;
    requires org.slf4j;

    exports dev.missive.http;
    exports dev.missive.http.openmsg;
    exports dev.missive.http.osms;
    exports dev.missive.http.mesh;
}
