package dev.missive.bench.openmsg;

import dev.missive.crypto.ConstantTime;
import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.SecretBox;
import dev.missive.crypto.SymmetricKey;
import dev.missive.openmsg.wire.MessageSeal;
import dev.missive.openmsg.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
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
 * Openmsg's per-message CPU cost next to the raw primitives it is built on, in one JMH run.
 *
 * <ul>
 *   <li>{@code protocolSeal}: what a sender computes: secretbox, base64url package, hex salt, SHA-256
 *       hex of {@code package ‖ auth_code ‖ salt ‖ timestamp} ({@link MessageSeal#seal}).</li>
 *   <li>{@code protocolVerify}: what a recipient computes: the hash again, a constant-time compare,
 *       strict base64url decode, secretbox open, strict UTF-8 decode.</li>
 *   <li>{@code rawSeal} / {@code rawVerify}: the same primitives without the protocol's encodings:
 *       secretbox seal + SHA-256 of its output, SHA-256 + secretbox open.</li>
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
    private String keyHex;
    private String authCode;
    private SymmetricKey key;
    private final byte[] nonce = new byte[SecretBox.NONCE_LENGTH];
    private final byte[] salt = new byte[MessageSeal.SALT_LENGTH];
    private MessageSeal.Sealed sealed;
    private byte[] rawBox;
    private byte[] rawBoxHash;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        text = "m".repeat(size);
        plaintext = text.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = new byte[SymmetricKey.LENGTH];
        random.nextBytes(keyBytes);
        keyHex = Encodings.hex(keyBytes);
        key = SymmetricKey.of(keyBytes);
        byte[] auth = new byte[32];
        random.nextBytes(auth);
        authCode = Encodings.hex(auth);
        random.nextBytes(nonce);
        random.nextBytes(salt);
        sealed = MessageSeal.seal(keyHex, authCode, nonce, salt, TIMESTAMP, text);
        rawBox = SecretBox.seal(key, nonce, plaintext);
        rawBoxHash = Digests.sha256(rawBox);
    }

    @Benchmark
    public MessageSeal.Sealed protocolSeal() {
        return MessageSeal.seal(keyHex, authCode, nonce, salt, TIMESTAMP, text);
    }

    @Benchmark
    public String protocolVerify() throws WireFormatException {
        return verify(sealed);
    }

    @Benchmark
    public String protocolSealAndVerify() throws WireFormatException {
        return verify(MessageSeal.seal(keyHex, authCode, nonce, salt, TIMESTAMP, text));
    }

    @Benchmark
    public byte[] rawSeal() {
        byte[] box = SecretBox.seal(key, nonce, plaintext);
        return Digests.sha256(box);
    }

    @Benchmark
    public byte[] rawVerify() {
        if (!ConstantTime.equals(Digests.sha256(rawBox), rawBoxHash)) {
            throw new IllegalStateException("hash mismatch");
        }
        return SecretBox.open(key, nonce, rawBox);
    }

    @Benchmark
    public byte[] rawSealAndVerify() {
        byte[] box = SecretBox.seal(key, nonce, plaintext);
        byte[] hash = Digests.sha256(box);
        if (!ConstantTime.equals(Digests.sha256(box), hash)) {
            throw new IllegalStateException("hash mismatch");
        }
        return SecretBox.open(key, nonce, box);
    }

    /** The recipient's side of message-receive, minus JSON and the store. */
    private String verify(MessageSeal.Sealed message) throws WireFormatException {
        String expected = MessageSeal.messageHash(message.messagePackage(), authCode, message.messageSalt(),
                message.timestamp());
        if (!ConstantTime.equals(expected, message.messageHash())) {
            throw new IllegalStateException("hash mismatch");
        }
        return MessageSeal.open(keyHex, MessageSeal.decodePackage(message.messagePackage()))
                .orElseThrow(() -> new IllegalStateException("does not open"));
    }
}
