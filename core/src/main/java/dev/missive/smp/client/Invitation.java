package dev.missive.smp.client;

import dev.missive.crypto.CryptoException;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.X25519PublicKey;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.ServerAddress;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The out-of-band message a recipient gives a sender: server, sender queue ID and the public key
 * that encrypts message bodies to the recipient. As a URI:
 *
 * <pre>smp-seed://[KEYHASH@]HOST[:PORT]/SID#EK</pre>
 *
 * where {@code KEYHASH} is the SHA-256 of the server's transport key (absent for the plain
 * transport), {@code SID} the sender queue ID and {@code EK} the recipient's X25519 HPKE public
 * key (32 raw bytes), each in base64url without padding; {@code HOST} is a DNS name, an IPv4
 * literal or a bracketed IPv6 literal, {@code PORT} defaults to 5223. The key sits in the fragment
 * so it is never sent anywhere if the URI is opened by a browser.
 *
 * @param server        the recipient's server
 * @param senderId      the queue's {@code SID}
 * @param encryptionKey the recipient's HPKE public key {@code EK}
 */
public record Invitation(ServerAddress server, QueueId senderId, X25519PublicKey encryptionKey) {

    /** URI scheme (distinct from current SimpleX {@code smp://} addresses, which are not compatible). */
    public static final String SCHEME = "smp-seed";

    private static final Pattern URI = Pattern.compile(
            "smp-seed://(?:([A-Za-z0-9_-]{43})@)?(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?/([A-Za-z0-9_-]+)#([A-Za-z0-9_-]{43})");

    /** Checks the components. */
    public Invitation {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
    }

    /**
     * The URI form (port always written).
     *
     * @return the invitation as a URI
     */
    public String toUri() {
        byte[] hash = server.keyHash();
        return SCHEME + "://" + (hash == null ? "" : Encodings.base64Url(hash) + "@") + server.host() + ":"
                + server.port() + "/" + Encodings.base64Url(senderId.bytes()) + "#"
                + Encodings.base64Url(encryptionKey.raw());
    }

    /**
     * Parses the URI form.
     *
     * @param uri the invitation in the URI form {@link #toUri} writes
     * @return the invitation
     * @throws IllegalArgumentException if {@code uri} is not a valid invitation
     */
    public static Invitation parse(String uri) {
        Matcher m = URI.matcher(Objects.requireNonNull(uri, "uri"));
        if (!m.matches()) {
            throw new IllegalArgumentException("not an smp-seed invitation URI");
        }
        try {
            byte[] hash = m.group(1) == null ? null : Encodings.fromBase64Url(m.group(1));
            int port = m.group(3) == null ? ServerAddress.DEFAULT_PORT : Integer.parseInt(m.group(3));
            ServerAddress server = new ServerAddress(m.group(2), port, hash);
            QueueId sid = QueueId.of(Encodings.fromBase64Url(m.group(4)));
            return new Invitation(server, sid, X25519PublicKey.fromRaw(Encodings.fromBase64Url(m.group(5))));
        } catch (CryptoException e) {
            throw new IllegalArgumentException("invalid field in invitation URI", e);
        }
    }

    @Override
    public String toString() {
        return toUri();
    }
}
