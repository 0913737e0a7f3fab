package dev.missive.testkit.conformance.smp;

import dev.missive.tcp.smp.SmpTransportMode;
import java.util.Locale;
import java.util.Objects;

/**
 * The SMP server under test.
 *
 * @param host    its host name or address
 * @param port    its port
 * @param mode    plain (the seed dialect on the socket) or encrypted (Appendix A)
 * @param keyHash SHA-256 of the server's transport key (encrypted mode; null in plain mode)
 * @param scheme  the kind of queue keys the suite creates
 */
public record SmpTarget(String host, int port, SmpTransportMode mode, byte[] keyHash, KeyScheme scheme) {

    /** The queue-key types of {@code docs/smp.md} ("Keys and signatures"). */
    public enum KeyScheme {
        /** Ed25519 keys and signatures. */
        ED25519,
        /** RSA-2048 keys, RSA-PSS (SHA-256, MGF1-SHA-256, salt 32) signatures. */
        RSA
    }

    /** Validates the components. */
    public SmpTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scheme, "scheme");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (mode == SmpTransportMode.ENCRYPTED && (keyHash == null || keyHash.length != 32)) {
            throw new IllegalArgumentException("encrypted mode needs the server's 32-byte key hash");
        }
        keyHash = keyHash == null ? null : keyHash.clone();
    }

    /**
     * A copy of the key hash.
     *
     * @return the key hash, or null in plain mode
     */
    @Override
    public byte[] keyHash() {
        return keyHash == null ? null : keyHash.clone();
    }

    /**
     * {@code host:port (mode, scheme)}.
     *
     * @return the description used in reports
     */
    public String describe() {
        return host + ":" + port + " (" + mode.name().toLowerCase(Locale.ROOT) + ", "
                + scheme.name().toLowerCase(Locale.ROOT) + " keys)";
    }
}
