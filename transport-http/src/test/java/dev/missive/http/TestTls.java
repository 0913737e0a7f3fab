package dev.missive.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A throw-away CA and a loopback server certificate, as test trust material. */
public final class TestTls {

    private final HeldCertificate root;
    private final HandshakeCertificates server;
    private final HandshakeCertificates client;

    private TestTls() {
        root = new HeldCertificate.Builder()
                .certificateAuthority(0)
                .commonName("missive test root")
                .build();
        HeldCertificate leaf = new HeldCertificate.Builder()
                .signedBy(root)
                .commonName("localhost")
                .addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName(loopback())
                .build();
        server = new HandshakeCertificates.Builder()
                .heldCertificate(leaf, root.certificate())
                .build();
        client = new HandshakeCertificates.Builder()
                .addTrustedCertificate(root.certificate())
                .build();
    }

    /** Fresh certificates for one test class. */
    public static TestTls create() {
        return new TestTls();
    }

    /** What a server presents. */
    public HandshakeCertificates server() {
        return server;
    }

    /** What a client trusts (only the test root). */
    public HandshakeCertificates client() {
        return client;
    }

    private static String loopback() {
        try {
            return InetAddress.getByName("127.0.0.1").getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
