package dev.missive.mesh.wire;

import dev.missive.mesh.model.MeshError;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The binary envelope a packet's {@code message} and {@code signature} fields carry (base64 of it),
 * version 1 ({@code docs/mesh.md}, "Envelope"):
 *
 * <pre>
 * offset  size  field
 * 0       1     version = 0x01
 * 1       8     created_at: unix milliseconds, unsigned big-endian
 * 9       2     L = length of the wrapped key, big-endian (256..2048)
 * 11      L     wrapped key: RSA-OAEP(SHA-256, MGF1-SHA-256, empty label) of the 32-byte AES key
 * 11+L    12    IV
 * 23+L    n     AES-256-GCM ciphertext ‖ 16-byte tag, n ≥ 16
 * </pre>
 *
 * @param createdAt  when the sender sealed it (millisecond precision)
 * @param wrappedKey the wrapped AES key
 * @param iv         the 12-byte GCM IV
 * @param ciphertext ciphertext ‖ tag
 */
public record Envelope(Instant createdAt, byte[] wrappedKey, byte[] iv, byte[] ciphertext) {

    /** The only version this code writes and reads. */
    public static final int VERSION = 1;
    /** Bytes before the wrapped key: version, created_at, key length. */
    public static final int HEADER_LENGTH = 11;
    /** IV length. */
    public static final int IV_LENGTH = 12;
    /** GCM tag length. */
    public static final int TAG_LENGTH = 16;
    /** Smallest wrapped key (RSA-2048). */
    public static final int MIN_WRAPPED_KEY = 256;
    /** Largest wrapped key (RSA-16384). */
    public static final int MAX_WRAPPED_KEY = 2048;

    /** Checks the sizes and keeps copies of the arrays. */
    public Envelope {
        Objects.requireNonNull(createdAt, "createdAt");
        if (createdAt.toEpochMilli() < 0) {
            throw new IllegalArgumentException("createdAt before 1970");
        }
        if (wrappedKey.length < MIN_WRAPPED_KEY || wrappedKey.length > MAX_WRAPPED_KEY) {
            throw new IllegalArgumentException("wrapped key length out of range");
        }
        if (iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("IV must be 12 bytes");
        }
        if (ciphertext.length < TAG_LENGTH) {
            throw new IllegalArgumentException("ciphertext shorter than the tag");
        }
        wrappedKey = wrappedKey.clone();
        iv = iv.clone();
        ciphertext = ciphertext.clone();
    }

    /**
     * A copy of the wrapped key.
     *
     * @return a fresh copy of the RSA-OAEP wrapped AES key
     */
    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    /**
     * A copy of the IV.
     *
     * @return a fresh copy of the 12-byte GCM IV
     */
    @Override
    public byte[] iv() {
        return iv.clone();
    }

    /**
     * A copy of ciphertext ‖ tag.
     *
     * @return a fresh copy of the ciphertext followed by the 16-byte GCM tag
     */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /**
     * The first nine bytes (version and created_at), which the associated data covers.
     *
     * @return a fresh 9-byte array: the version byte then created_at as 8 big-endian bytes
     */
    public byte[] versionAndTime() {
        return ByteBuffer.allocate(9)
                .put((byte) VERSION)
                .putLong(createdAt.toEpochMilli())
                .array();
    }

    /**
     * The layout above.
     *
     * @return the envelope's wire bytes
     */
    public byte[] encode() {
        return ByteBuffer.allocate(HEADER_LENGTH + wrappedKey.length + IV_LENGTH + ciphertext.length)
                .put((byte) VERSION)
                .putLong(createdAt.toEpochMilli())
                .putShort((short) wrappedKey.length)
                .put(wrappedKey)
                .put(iv)
                .put(ciphertext)
                .array();
    }

    /**
     * Reads the layout above. Never throws anything but {@link MeshWireException}.
     *
     * @throws MeshWireException ({@link MeshError#BAD_ENVELOPE}) for another version, a created_at
     *     beyond the signed 64-bit range, a key length out of range or a body too short
     * @param bytes the envelope's wire bytes, as decoded from base64
     * @return the envelope, not yet decrypted
     */
    public static Envelope decode(byte[] bytes) throws MeshWireException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < HEADER_LENGTH) {
            throw new MeshWireException(MeshError.BAD_ENVELOPE, "envelope shorter than its header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int version = in.get() & 0xff;
        if (version != VERSION) {
            throw new MeshWireException(MeshError.BAD_ENVELOPE, "envelope version is not 1");
        }
        long millis = in.getLong();
        if (millis < 0) {
            throw new MeshWireException(MeshError.BAD_ENVELOPE, "created_at out of range");
        }
        int keyLength = in.getShort() & 0xffff;
        if (keyLength < MIN_WRAPPED_KEY || keyLength > MAX_WRAPPED_KEY) {
            throw new MeshWireException(MeshError.BAD_ENVELOPE, "wrapped key length out of range");
        }
        if (in.remaining() < keyLength + IV_LENGTH + TAG_LENGTH) {
            throw new MeshWireException(MeshError.BAD_ENVELOPE, "envelope truncated");
        }
        byte[] wrapped = new byte[keyLength];
        in.get(wrapped);
        byte[] iv = new byte[IV_LENGTH];
        in.get(iv);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        return new Envelope(Instant.ofEpochMilli(millis), wrapped, iv, ciphertext);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope that
                && createdAt.equals(that.createdAt)
                && Arrays.equals(wrappedKey, that.wrappedKey)
                && Arrays.equals(iv, that.iv)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(createdAt, Arrays.hashCode(wrappedKey), Arrays.hashCode(iv), Arrays.hashCode(ciphertext));
    }

    @Override
    public String toString() {
        return "Envelope[createdAt=" + createdAt + ", wrappedKey=" + wrappedKey.length + " bytes, ciphertext="
                + ciphertext.length + " bytes]";
    }
}
