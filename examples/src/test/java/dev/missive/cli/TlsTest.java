package dev.missive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class TlsTest {

    private static final Path DEBIAN_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    @Test
    void defaultTrustKeepsEveryJdkAuthority() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager jdk = (X509TrustManager) factory.getTrustManagers()[0];

        assertThat(subjects(Tls.defaultTrustManager().getAcceptedIssuers()))
                .containsAll(subjects(jdk.getAcceptedIssuers()));
    }

    @Test
    void defaultTrustAddsTheOperatingSystemBundle() throws Exception {
        assumeThat(Files.isReadable(DEBIAN_BUNDLE)).as("OS CA bundle present").isTrue();
        List<X509Certificate> bundle;
        try (InputStream in = Files.newInputStream(DEBIAN_BUNDLE)) {
            bundle = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        }

        assertThat(subjects(Tls.defaultTrustManager().getAcceptedIssuers()))
                .containsAll(subjects(bundle.toArray(new X509Certificate[0])));
    }

    private static Set<String> subjects(X509Certificate[] certificates) {
        return List.of(certificates).stream()
                .map(c -> c.getSubjectX500Principal().getName())
                .collect(Collectors.toSet());
    }
}
