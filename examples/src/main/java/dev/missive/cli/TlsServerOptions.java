package dev.missive.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --tls-cert FILE --tls-key FILE} of a server command: HTTPS from PEM files, or plain HTTP
 * (for a TLS terminator in front) without them. Given one without the other is a usage error.
 */
public final class TlsServerOptions {

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain, leaf first.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key of the certificate.")
    private Path tlsKey;

    /** Picocli instantiates the mixin. */
    public TlsServerOptions() {}

    /**
     * The server's TLS context, loaded from the two files, or empty for plain HTTP.
     *
     * @param commandLine the command, for a usage error
     * @return the context, or empty when neither option is given
     * @throws ParameterException if only one of the two options is given
     * @throws CommandFailure naming both files if they cannot be loaded
     */
    public Optional<SSLContext> context(CommandLine commandLine) {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(commandLine, "--tls-cert and --tls-key go together");
        }
        if (tlsCert == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Tls.serverContext(tlsCert, tlsKey));
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandFailure(
                    "cannot load --tls-cert " + tlsCert + " and --tls-key " + tlsKey + ": " + CommandFailure.reason(e),
                    e);
        }
    }
}
