package dev.missive.mesh;

import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed RSA keys for mesh tests (generating RSA-4096 keys is slow): PKCS#8 PEM files under
 * {@code dev/missive/mesh/keys/} in core's test resources, shared through the test jar.
 * {@code alice}, {@code bob}, {@code carol}, {@code mallory}, {@code server-a}, {@code server-b},
 * {@code server-c} are RSA-4096; {@code legacy-2048} is RSA-2048. Test use only: the private keys
 * are public.
 */
public final class MeshTestKeys {

    private static final Map<String, RsaPrivateKey> CACHE = new ConcurrentHashMap<>();

    private MeshTestKeys() {}

    /** The key named {@code name}. */
    public static RsaPrivateKey key(String name) {
        return CACHE.computeIfAbsent(name, MeshTestKeys::load);
    }

    /** The PEM text of the key named {@code name}. */
    public static String pem(String name) {
        try (InputStream in = MeshTestKeys.class.getResourceAsStream("/dev/missive/mesh/keys/" + name + ".pem")) {
            if (in == null) {
                throw new IllegalArgumentException("no test key " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RsaPrivateKey load(String name) {
        return RsaPrivateKey.fromPkcs8(Encodings.fromPem("PRIVATE KEY", pem(name)));
    }
}
