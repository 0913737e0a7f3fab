package dev.missive.bench;

import dev.missive.crypto.RsaKeyPair;
import dev.missive.crypto.RsaOaep;
import dev.missive.crypto.RsaPkcs1;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPss;
import dev.missive.crypto.X25519PrivateKey;
import dev.missive.crypto.X25519PublicKey;
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
 * X25519 agreement and RSA-2048 operations. RSA signatures are measured on 64-byte and 1 KiB
 * messages; RSA-OAEP only on 64 bytes, since one 2048-bit OAEP-SHA-256 block holds at most 190.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PublicKeyBenchmarks {

    /** One X25519 key pair and a peer public key. */
    @State(Scope.Benchmark)
    public static class Agreement {
        X25519PrivateKey own;
        X25519PublicKey peer;

        @Setup
        public void setUp() {
            SecureRandom random = new SecureRandom();
            own = X25519PrivateKey.generate(random);
            peer = X25519PrivateKey.generate(random).publicKey();
        }
    }

    /** An RSA-2048 key pair with a message of each size and its signatures. */
    @State(Scope.Benchmark)
    public static class RsaSigning {
        @Param({"64", "1024"})
        public int size;

        RsaKeyPair pair;
        byte[] message;
        byte[] pssSignature;
        byte[] pkcs1Signature;

        @Setup
        public void setUp() {
            SecureRandom random = new SecureRandom();
            pair = RsaPrivateKey.generate(2048, random);
            message = new byte[size];
            random.nextBytes(message);
            pssSignature = RsaPss.sign(pair.privateKey(), message);
            pkcs1Signature = RsaPkcs1.sign(pair.privateKey(), message);
        }
    }

    /** An RSA-2048 key pair and a 64-byte payload (a session key's size class). */
    @State(Scope.Benchmark)
    public static class RsaEncryption {
        RsaKeyPair pair;
        byte[] payload;
        byte[] ciphertext;

        @Setup
        public void setUp() {
            SecureRandom random = new SecureRandom();
            pair = RsaPrivateKey.generate(2048, random);
            payload = new byte[64];
            random.nextBytes(payload);
            ciphertext = RsaOaep.encrypt(pair.publicKey(), payload);
        }
    }

    @Benchmark
    public byte[] x25519Agree(Agreement state) {
        return state.own.agree(state.peer);
    }

    @Benchmark
    public byte[] rsaPssSign(RsaSigning state) {
        return RsaPss.sign(state.pair.privateKey(), state.message);
    }

    @Benchmark
    public boolean rsaPssVerify(RsaSigning state) {
        return RsaPss.verify(state.pair.publicKey(), state.message, state.pssSignature);
    }

    @Benchmark
    public byte[] rsaPkcs1Sign(RsaSigning state) {
        return RsaPkcs1.sign(state.pair.privateKey(), state.message);
    }

    @Benchmark
    public boolean rsaPkcs1Verify(RsaSigning state) {
        return RsaPkcs1.verify(state.pair.publicKey(), state.message, state.pkcs1Signature);
    }

    @Benchmark
    public byte[] rsaOaepEncrypt(RsaEncryption state) {
        return RsaOaep.encrypt(state.pair.publicKey(), state.payload);
    }

    @Benchmark
    public byte[] rsaOaepDecrypt(RsaEncryption state) {
        return RsaOaep.decrypt(state.pair.privateKey(), state.ciphertext);
    }
}
