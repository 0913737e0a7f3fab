package dev.missive.bench;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.Ed25519PublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
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
 * Ed25519 through Missive's Bouncy Castle backend against the JDK's SunEC provider, same key and
 * message: the measurement behind the choice of Bouncy Castle in docs/CRYPTO.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519BackendBenchmarks {

    @Param({"64", "1024"})
    public int size;

    private byte[] message;
    private Ed25519PrivateKey key;
    private Ed25519PublicKey publicKey;
    private byte[] signature;
    private Signature jdkSigner;
    private Signature jdkVerifier;

    @Setup
    public void setUp() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        message = new byte[size];
        random.nextBytes(message);
        key = Ed25519PrivateKey.generate(random);
        publicKey = key.publicKey();
        signature = key.sign(message);

        KeyFactory factory = KeyFactory.getInstance("Ed25519", "SunEC");
        jdkSigner = Signature.getInstance("Ed25519", "SunEC");
        jdkSigner.initSign(factory.generatePrivate(new PKCS8EncodedKeySpec(key.revealPkcs8())));
        jdkVerifier = Signature.getInstance("Ed25519", "SunEC");
        jdkVerifier.initVerify(factory.generatePublic(new X509EncodedKeySpec(publicKey.spki())));
    }

    @Benchmark
    public byte[] signBouncyCastle() {
        return key.sign(message);
    }

    @Benchmark
    public boolean verifyBouncyCastle() {
        return publicKey.verify(message, signature);
    }

    @Benchmark
    public byte[] signJdk() throws GeneralSecurityException {
        jdkSigner.update(message);
        return jdkSigner.sign();
    }

    @Benchmark
    public boolean verifyJdk() throws GeneralSecurityException {
        jdkVerifier.update(message);
        return jdkVerifier.verify(signature);
    }
}
