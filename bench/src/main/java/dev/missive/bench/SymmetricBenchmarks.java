package dev.missive.bench;

import dev.missive.crypto.AesGcm;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Hkdf;
import dev.missive.crypto.Hmac;
import dev.missive.crypto.Hpke;
import dev.missive.crypto.NaclBox;
import dev.missive.crypto.SecretBox;
import dev.missive.crypto.SymmetricKey;
import dev.missive.crypto.X25519PrivateKey;
import dev.missive.crypto.XChaCha20Poly1305;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-message cost of the symmetric and hybrid primitives on 64-byte and 1 KiB messages. Box and
 * HPKE include their X25519 agreement (the API has no precomputed-key form), so they measure a
 * whole message as a protocol sends it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SymmetricBenchmarks {

    @Param({"64", "1024"})
    public int size;

    private byte[] message;
    private final byte[] nonce24 = new byte[24];
    private final byte[] iv12 = new byte[12];
    private final byte[] aad = "associated data".getBytes();
    private final byte[] info = "bench".getBytes();
    private SymmetricKey key;
    private X25519PrivateKey alice;
    private X25519PrivateKey bob;
    private byte[] secretBox;
    private byte[] naclBox;
    private byte[] xchacha;
    private byte[] aesGcm;
    private byte[] hpke;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        message = new byte[size];
        random.nextBytes(message);
        random.nextBytes(nonce24);
        random.nextBytes(iv12);
        key = SymmetricKey.generate(random);
        alice = X25519PrivateKey.generate(random);
        bob = X25519PrivateKey.generate(random);
        secretBox = SecretBox.seal(key, nonce24, message);
        naclBox = NaclBox.seal(bob.publicKey(), alice, nonce24, message);
        xchacha = XChaCha20Poly1305.seal(key, nonce24, aad, message);
        aesGcm = AesGcm.seal(key, iv12, aad, message);
        hpke = Hpke.seal(bob.publicKey(), message, info);
    }

    @Benchmark
    public byte[] secretBoxSeal() {
        return SecretBox.seal(key, nonce24, message);
    }

    @Benchmark
    public byte[] secretBoxOpen() {
        return SecretBox.open(key, nonce24, secretBox);
    }

    @Benchmark
    public byte[] boxSeal() {
        return NaclBox.seal(bob.publicKey(), alice, nonce24, message);
    }

    @Benchmark
    public byte[] boxOpen() {
        return NaclBox.open(alice.publicKey(), bob, nonce24, naclBox);
    }

    @Benchmark
    public byte[] xchacha20Poly1305Seal() {
        return XChaCha20Poly1305.seal(key, nonce24, aad, message);
    }

    @Benchmark
    public byte[] xchacha20Poly1305Open() {
        return XChaCha20Poly1305.open(key, nonce24, aad, xchacha);
    }

    @Benchmark
    public byte[] aesGcmSeal() {
        return AesGcm.seal(key, iv12, aad, message);
    }

    @Benchmark
    public byte[] aesGcmOpen() {
        return AesGcm.open(key, iv12, aad, aesGcm);
    }

    @Benchmark
    public byte[] hpkeSeal() {
        return Hpke.seal(bob.publicKey(), message, info);
    }

    @Benchmark
    public byte[] hpkeOpen() {
        return Hpke.open(bob, hpke, info);
    }

    @Benchmark
    public byte[] sha256() {
        return Digests.sha256(message);
    }

    @Benchmark
    public byte[] hmacSha256() {
        return Hmac.sha256(nonce24, message);
    }

    /** HKDF-SHA-256 extracting from the message as input keying material, 32 bytes out. */
    @Benchmark
    public byte[] hkdfSha256() {
        return Hkdf.sha256(nonce24, message, info, 32);
    }
}
