package dev.missive.bench.openmsg;

import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.Secret;
import dev.missive.crypto.SecretBox;
import dev.missive.crypto.SymmetricKey;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.openmsg.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Openmsg's per-message CPU cost next to the raw primitives it is built on, in one JMH run.
 *
 * <ul>
 *   <li>{@code protocolSeal}: what a sender computes: secretbox, base64url package, hex salt, SHA-256
 *       hex of {@code package ‖ auth_code ‖ salt ‖ timestamp} ({@link MessageSeal#seal}).</li>
 *   <li>{@code protocolVerify}: what a recipient computes: strict base64url decode, the hash again, a
 *       constant-time compare, secretbox open, strict UTF-8 decode, the confirmation's nonce text.</li>
 *   <li>{@code rawSeal} / {@code rawVerify}: the same primitives without the protocol's encodings:
 *       secretbox seal + SHA-256, SHA-256 + constant-time compare + secretbox open. The SHA-256 runs over
 *       exactly the bytes the protocol must hash ({@code package ‖ auth_code ‖ salt ‖ timestamp}, about
 *       4/3 × (40 + size) + 106 bytes), because hashing the base64 text is part of the primitive cost the
 *       wire format fixes, not overhead an implementation could remove.</li>
 *   <li>{@code protocolSealAndVerify} / {@code rawSealAndVerify}: one whole message, both sides.</li>
 * </ul>
 * Target: protocol ≤ 2× raw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpenmsgMessageBenchmarks {

    /** Message length in (ASCII) characters. */
    @Param({"64", "1024"})
    public int size;

    private static final long TIMESTAMP = 1_700_000_000L;

    private String text;
    private byte[] plaintext;
    private Secret keyHex;
    private Secret authCode;
    private SymmetricKey key;
    private final byte[] nonce = new byte[SecretBox.NONCE_LENGTH];
    private final byte[] salt = new byte[MessageSeal.SALT_LENGTH];
    private MessageSeal.Sealed sealed;
    private byte[] rawBox;
    private byte[] hashInput;
    private byte[] hashInputDigest;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        text = "m".repeat(size);
        plaintext = text.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = new byte[SymmetricKey.LENGTH];
        random.nextBytes(keyBytes);
        keyHex = Secret.ofText(Encodings.hex(keyBytes));
        key = SymmetricKey.of(keyBytes);
        byte[] auth = new byte[32];
        random.nextBytes(auth);
        authCode = Secret.ofText(Encodings.hex(auth));
        random.nextBytes(nonce);
        random.nextBytes(salt);
        sealed = MessageSeal.seal(keyHex, authCode, nonce, salt, TIMESTAMP, text);
        rawBox = SecretBox.seal(key, nonce, plaintext);
        hashInput = (sealed.messagePackage() + authCode.revealText() + sealed.messageSalt() + sealed.timestamp())
                .getBytes(StandardCharsets.US_ASCII);
        hashInputDigest = Digests.sha256(hashInput);
    }

    @Benchmark
    public MessageSeal.Sealed protocolSeal() {
        return MessageSeal.seal(keyHex, authCode, nonce, salt, TIMESTAMP, text);
    }

    @Benchmark
    public String protocolVerify(Blackhole blackhole) throws WireFormatException {
        return verify(sealed, blackhole);
    }

    @Benchmark
    public String protocolSealAndVerify(Blackhole blackhole) throws WireFormatException {
        return verify(MessageSeal.seal(keyHex, authCode, nonce, salt, TIMESTAMP, text), blackhole);
    }

    @Benchmark
    public byte[] rawSeal(Blackhole blackhole) {
        blackhole.consume(SecretBox.seal(key, nonce, plaintext));
        return Digests.sha256(hashInput);
    }

    @Benchmark
    public byte[] rawVerify() {
        if (!ConstantTime.equals(Digests.sha256(hashInput), hashInputDigest)) {
            throw new IllegalStateException("hash mismatch");
        }
        return SecretBox.open(key, nonce, rawBox);
    }

    @Benchmark
    public byte[] rawSealAndVerify() {
        byte[] box = SecretBox.seal(key, nonce, plaintext);
        byte[] hash = Digests.sha256(hashInput);
        if (!ConstantTime.equals(Digests.sha256(hashInput), hash)) {
            throw new IllegalStateException("hash mismatch");
        }
        return SecretBox.open(key, nonce, box);
    }

    /**
     * The recipient's side of message-receive as {@code MessageReceiver} does it, minus JSON, clock and
     * store: decode the package, check the hash, lowercase it for storage, open, and the nonce text the
     * confirmation callback carries.
     */
    private String verify(MessageSeal.Sealed message, Blackhole blackhole) throws WireFormatException {
        MessageSeal.Opened opened = MessageSeal.decodePackage(message.messagePackage());
        if (!MessageSeal.messageHashMatches(
                message.messageHash(),
                message.messagePackage(),
                authCode,
                message.messageSalt(),
                message.timestamp())) {
            throw new IllegalStateException("hash mismatch");
        }
        blackhole.consume(message.messageHash().toLowerCase(Locale.ROOT));
        blackhole.consume(opened.nonceText());
        return MessageSeal.open(keyHex, opened).orElseThrow(() -> new IllegalStateException("does not open"));
    }
}
