package dev.missive.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS material from PEM files, for {@code --tls-cert/--tls-key} and {@code --trust-cert} (shared by
 * the HTTP servers of every protocol).
 */
public final class Tls {

    private static final Pattern PKCS8 =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    private Tls() {}

    /**
     * A server context presenting the certificate chain in {@code certFile} (leaf first) with the
     * PKCS#8 private key in {@code keyFile} (RSA, EC or Ed25519).
     *
     * @param certFile the PEM certificate chain
     * @param keyFile  the PEM PKCS#8 private key
     * @return the server context
     * @throws IOException              if a file cannot be read
     * @throws GeneralSecurityException if the files hold no usable certificate or key
     */
    public static SSLContext serverContext(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = certificates(certFile);
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certFile);
        }
        PrivateKey key = privateKey(keyFile);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("node", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, NO_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /**
     * Where Linux distributions keep the operating system's CA bundle (Debian/Ubuntu, RHEL/Fedora,
     * Alpine). curl, and so the PHP reference, trusts that bundle; a Temurin JDK does not see it.
     */
    private static final List<Path> OS_CA_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
            Path.of("/etc/ssl/cert.pem"));

    /**
     * A trust manager that accepts exactly the CA certificates in {@code caFile}.
     *
     * @param caFile PEM CA certificates
     * @return the trust manager
     * @throws IOException if the file cannot be read
     * @throws GeneralSecurityException if it holds no valid certificate
     */
    public static X509TrustManager trustManager(Path caFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> authorities = certificates(caFile);
        if (authorities.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + caFile);
        }
        return trustManager(authorities);
    }

    /**
     * The default trust for calls to peers: the JDK's CAs plus the operating system's bundle, so a
     * CA installed with the system's tools (e.g. {@code update-ca-certificates}) is trusted as it is
     * by curl on the same host.
     *
     * @return the trust manager
     * @throws IOException              if the bundle cannot be read
     * @throws GeneralSecurityException if no trust manager can be built
     */
    public static X509TrustManager defaultTrustManager() throws IOException, GeneralSecurityException {
        List<X509Certificate> authorities =
                new ArrayList<>(List.of(jdkTrustManager().getAcceptedIssuers()));
        for (Path bundle : OS_CA_BUNDLES) {
            if (Files.isReadable(bundle)) {
                authorities.addAll(certificates(bundle));
                break;
            }
        }
        return trustManager(authorities);
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return x509(factory);
    }

    private static X509TrustManager trustManager(List<X509Certificate> authorities)
            throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int i = 0;
        for (X509Certificate certificate : authorities) {
            trusted.setCertificateEntry("ca" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return x509(factory);
    }

    private static X509TrustManager x509(TrustManagerFactory factory) throws GeneralSecurityException {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    /**
     * A client context trusting {@code trustManager}.
     *
     * @param trustManager the certificates to trust
     * @return the client context
     * @throws GeneralSecurityException if TLS is not available
     */
    public static SSLContext clientContext(X509TrustManager trustManager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager}, null);
        return context;
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        byte[] pem = Files.readAllBytes(file);
        Collection<? extends Certificate> parsed =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        return parsed.stream().map(X509Certificate.class::cast).toList();
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher pem = PKCS8.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new GeneralSecurityException(file + " holds no PKCS#8 'BEGIN PRIVATE KEY' block");
        }
        PKCS8EncodedKeySpec spec =
                new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported private key in " + file, last);
    }
}
