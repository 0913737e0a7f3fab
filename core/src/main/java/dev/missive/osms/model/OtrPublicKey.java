package dev.missive.osms.model;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.DSAPublicKey;
import java.security.spec.DSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An OTR long-term public key in OTR's PUBKEY serialisation (OTR v3 §"Public keys, signatures, and
 * fingerprints"): SHORT type {@code 0x0000} (DSA) followed by the MPIs p, q, g, y, each as a
 * 4-byte big-endian length and the minimal big-endian magnitude. OSMS accepts only DSA with a
 * 1024-bit p and a 160-bit q (OTR signatures have 20-byte halves).
 *
 * @param p the DSA modulus
 * @param q the subgroup order
 * @param g the generator
 * @param y the public value
 */
public record OtrPublicKey(BigInteger p, BigInteger q, BigInteger g, BigInteger y) {

    /** Length of a fingerprint, in bytes (SHA-1). */
    public static final int FINGERPRINT_LENGTH = 20;

    /** Largest PUBKEY encoding accepted (2 + 4 MPIs of at most 4 + 129 bytes). */
    public static final int MAX_ENCODED_LENGTH = 2 + 4 * (4 + 129);

    /**
     * Validates the DSA parameters' sizes and ranges.
     *
     * @throws IllegalArgumentException if p is not 1024 bits, q not 160 bits, or g, y outside (1, p)
     */
    public OtrPublicKey {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(y, "y");
        if (p.bitLength() != 1024 || q.bitLength() != 160) {
            throw new IllegalArgumentException("OTR keys are DSA with a 1024-bit p and a 160-bit q");
        }
        if (g.compareTo(BigInteger.ONE) <= 0 || g.compareTo(p) >= 0) {
            throw new IllegalArgumentException("DSA g out of range");
        }
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p) >= 0) {
            throw new IllegalArgumentException("DSA y out of range");
        }
    }

    /**
     * Takes the parameters of a JCA DSA key.
     *
     * @param key the key
     * @return the OTR public key
     * @throws IllegalArgumentException if the key is not DSA-1024/160
     */
    public static OtrPublicKey of(DSAPublicKey key) {
        var params = key.getParams();
        return new OtrPublicKey(params.getP(), params.getQ(), params.getG(), key.getY());
    }

    /**
     * Parses a PUBKEY encoding strictly: type 0, four minimal MPIs, nothing after.
     *
     * @param encoded the bytes
     * @return the key
     * @throws IllegalArgumentException if the bytes are not such an encoding
     */
    public static OtrPublicKey parse(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length < 2 || encoded.length > MAX_ENCODED_LENGTH) {
            throw new IllegalArgumentException("PUBKEY length out of range");
        }
        if (encoded[0] != 0 || encoded[1] != 0) {
            throw new IllegalArgumentException("PUBKEY type must be 0x0000 (DSA)");
        }
        int[] offset = {2};
        BigInteger p = mpi(encoded, offset);
        BigInteger q = mpi(encoded, offset);
        BigInteger g = mpi(encoded, offset);
        BigInteger y = mpi(encoded, offset);
        if (offset[0] != encoded.length) {
            throw new IllegalArgumentException("trailing bytes after PUBKEY");
        }
        return new OtrPublicKey(p, q, g, y);
    }

    private static BigInteger mpi(byte[] in, int[] offset) {
        int at = offset[0];
        if (in.length - at < 4) {
            throw new IllegalArgumentException("truncated MPI length");
        }
        long length = ((in[at] & 0xffL) << 24)
                | ((in[at + 1] & 0xff) << 16)
                | ((in[at + 2] & 0xff) << 8)
                | (in[at + 3] & 0xff);
        at += 4;
        if (length > in.length - at) {
            throw new IllegalArgumentException("truncated MPI");
        }
        int n = (int) length;
        if (n > 0 && in[at] == 0) {
            throw new IllegalArgumentException("MPI not minimal");
        }
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(in, at, at + n));
        offset[0] = at + n;
        return value;
    }

    /**
     * The PUBKEY encoding.
     *
     * @return a fresh byte array
     */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 + 4 * 133);
        out.write(0);
        out.write(0);
        for (BigInteger v : new BigInteger[] {p, q, g, y}) {
            byte[] magnitude = magnitude(v);
            out.write(magnitude.length >>> 24);
            out.write(magnitude.length >>> 16);
            out.write(magnitude.length >>> 8);
            out.write(magnitude.length);
            out.writeBytes(magnitude);
        }
        return out.toByteArray();
    }

    private static byte[] magnitude(BigInteger v) {
        byte[] bytes = v.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    /**
     * The OTR fingerprint: SHA-1 of the PUBKEY encoding without its two type bytes.
     *
     * @return 20 bytes
     */
    public byte[] fingerprint() {
        byte[] encoded = encode();
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(encoded, 2, encoded.length - 2);
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required", e);
        }
    }

    /**
     * The fingerprint as 40 lower-case hex characters (the form the CLI prints).
     *
     * @return the hex text
     */
    public String fingerprintHex() {
        return HexFormat.of().formatHex(fingerprint());
    }

    /**
     * Normalises a fingerprint a user typed: hex with optional spaces or colons, any case.
     *
     * @param text the text
     * @return 40 lower-case hex characters
     * @throws IllegalArgumentException if it is not 20 bytes of hex
     */
    public static String normalizeFingerprint(String text) {
        String hex = text.replaceAll("[\\s:]", "").toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("^[0-9a-f]{40}$")) {
            throw new IllegalArgumentException("a fingerprint is 40 hex characters");
        }
        return hex;
    }

    /**
     * This key as a JCA DSA key (for comparing with what an OTR library reports).
     *
     * @return the key
     */
    public DSAPublicKey toJava() {
        try {
            return (DSAPublicKey) KeyFactory.getInstance("DSA").generatePublic(new DSAPublicKeySpec(y, p, q, g));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DSA is required", e);
        }
    }

    @Override
    public String toString() {
        return "OtrPublicKey[" + fingerprintHex() + "]";
    }
}
