package dev.missive.osms.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A Tor v3 onion service host name: 56 base32 characters + {@code .onion}, encoding
 * PUBKEY (32) || CHECKSUM (2) || VERSION (1, = 3) with CHECKSUM = SHA3-256(".onion checksum" ||
 * PUBKEY || VERSION)[0..2] (Tor rend-spec-v3 §6). v2 names are refused: Tor removed them.
 *
 * @param host the lower-case host name, with {@code .onion}
 */
public record OnionAddress(String host) {

    private static final String SUFFIX = ".onion";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    /**
     * Validates syntax, version and checksum.
     *
     * @throws IllegalArgumentException if {@code host} is not a valid v3 onion name
     */
    public OnionAddress {
        Objects.requireNonNull(host, "host");
        host = host.toLowerCase(Locale.ROOT);
        if (!host.endsWith(SUFFIX) || host.length() != 56 + SUFFIX.length()) {
            throw new IllegalArgumentException("a v3 onion name is 56 base32 characters followed by .onion");
        }
        byte[] decoded = base32(host.substring(0, 56));
        if (decoded == null || decoded[34] != 3) {
            throw new IllegalArgumentException("not a version 3 onion name");
        }
        byte[] key = Arrays.copyOfRange(decoded, 0, 32);
        byte[] expected = checksum(key);
        if (decoded[32] != expected[0] || decoded[33] != expected[1]) {
            throw new IllegalArgumentException("onion name checksum does not match");
        }
    }

    /**
     * Whether {@code host} names a v3 onion service (the test a client makes before handing the name
     * to a SOCKS proxy unresolved).
     *
     * @param host a host name, may be null
     * @return true if it is a valid v3 onion name
     */
    public static boolean isValid(String host) {
        try {
            new OnionAddress(host);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /**
     * Whether {@code host} ends in {@code .onion} at all (valid or not): such names must never be
     * resolved locally.
     *
     * @param host a host name
     * @return true for any {@code .onion} name
     */
    public static boolean isOnionName(String host) {
        return host != null && host.toLowerCase(Locale.ROOT).endsWith(SUFFIX);
    }

    /**
     * The service's ed25519 public key.
     *
     * @return 32 bytes
     */
    public byte[] publicKey() {
        return Arrays.copyOfRange(Objects.requireNonNull(base32(host.substring(0, 56))), 0, 32);
    }

    /**
     * Builds the name of a service key.
     *
     * @param publicKey the 32-byte ed25519 key
     * @return the onion address
     */
    public static OnionAddress fromPublicKey(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an onion service key is 32 bytes");
        }
        byte[] all = new byte[35];
        System.arraycopy(publicKey, 0, all, 0, 32);
        byte[] sum = checksum(publicKey);
        all[32] = sum[0];
        all[33] = sum[1];
        all[34] = 3;
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : all) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return new OnionAddress(out + SUFFIX);
    }

    private static byte[] checksum(byte[] key) {
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(".onion checksum".getBytes(StandardCharsets.US_ASCII));
            sha3.update(key);
            sha3.update((byte) 3);
            return sha3.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA3-256 is required", e);
        }
    }

    /** 56 base32 characters = 280 bits = exactly 35 bytes. */
    private static byte[] base32(String text) {
        byte[] out = new byte[35];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = ALPHABET.indexOf(text.charAt(i));
            if (v < 0) {
                return null;
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return host;
    }
}
