package dev.missive.bench;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.smp.ServerSession;
import dev.missive.smp.SignatureScheme;
import dev.missive.smp.SigningKey;
import dev.missive.smp.SmpConfig;
import dev.missive.smp.SmpServer;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.TransmissionEncoder;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Server CPU per delivered SMP message next to its floor. One op of {@link #sendDeliverAck} is a
 * signed {@code SEND} into a secured queue (stored, pushed as {@code MSG} to the subscribed
 * session) and the recipient's signed {@code ACK} (deleted, {@code OK}): everything the engine does
 * per message, on the in-memory stores, without sockets. {@link #verificationsOnly} is the two
 * signature verifications the server cannot avoid for that message (SK over the SEND, RK over the
 * ACK). The ratio of the two is the engine's overhead over the crypto floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SmpServerCpuBenchmark {

    /** Key type of both queue keys. */
    @Param({"ed25519", "rsa2048"})
    public String keys;

    /** Body size in bytes. */
    @Param({"256"})
    public int bodySize;

    private ServerSession sender;
    private ServerSession recipient;
    private byte[] sendFrame;
    private byte[] ackFrame;
    private byte[] sendSigned;
    private byte[] sendSignature;
    private byte[] ackSigned;
    private byte[] ackSignature;
    private byte[] senderKey;
    private byte[] recipientKey;
    private final AtomicInteger delivered = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        SecureRandom random = new SecureRandom();
        SigningKey rk = key(random);
        SigningKey sk = key(random);
        recipientKey = rk.publicKey();
        senderKey = sk.publicKey();
        SmpServer server = SmpServer.builder()
                .queueStore(new InMemoryQueueStore())
                .messageStore(new InMemoryMessageStore())
                .clock(Clock.system())
                .random(RandomSource.of(random))
                .config(SmpConfig.DEFAULTS.withQueueQuota(1_000_000))
                .build();
        QueueId[] ids = new QueueId[2];
        recipient = server.openSession(frame -> {
            String text = new String(frame, StandardCharsets.ISO_8859_1);
            int at = text.indexOf("IDS ");
            if (at >= 0) {
                String[] w = text.substring(at).trim().split(" ");
                ids[0] = QueueId.of(java.util.Base64.getDecoder().decode(w[1]));
                ids[1] = QueueId.of(java.util.Base64.getDecoder().decode(w[2].trim()));
            }
            if (text.contains("MSG ")) {
                delivered.incrementAndGet();
            }
        });
        sender = server.openSession(frame -> {});
        feed(
                recipient,
                TransmissionEncoder.command(
                        new byte[0], TransmissionEncoder.signedPart(null, new Command.Create(recipientKey))));
        byte[] keySigned = TransmissionEncoder.signedPart(ids[0], new Command.Secure(senderKey));
        feed(recipient, TransmissionEncoder.command(rk.sign(keySigned), keySigned));

        byte[] body = new byte[bodySize];
        random.nextBytes(body);
        sendSigned = TransmissionEncoder.signedPart(ids[1], Command.Send.binary(body));
        sendSignature = sk.sign(sendSigned);
        sendFrame = TransmissionEncoder.command(sendSignature, sendSigned);
        ackSigned = TransmissionEncoder.signedPart(ids[0], new Command.Acknowledge());
        ackSignature = rk.sign(ackSigned);
        ackFrame = TransmissionEncoder.command(ackSignature, ackSigned);
    }

    private SigningKey key(SecureRandom random) {
        return switch (keys) {
            case "ed25519" -> SigningKey.ed25519(Ed25519PrivateKey.generate(random));
            case "rsa2048" ->
                SigningKey.rsa(RsaPrivateKey.generate(2048, random).privateKey());
            default -> throw new IllegalArgumentException(keys);
        };
    }

    private static void feed(ServerSession session, byte[] frame) {
        session.onBytes(frame, 0, frame.length);
    }

    /** SEND → store → MSG push → ACK → delete, as the server does it. */
    @Benchmark
    public int sendDeliverAck() {
        feed(sender, sendFrame);
        feed(recipient, ackFrame);
        return delivered.get();
    }

    /** The two signature verifications that message costs the server at least. */
    @Benchmark
    public boolean verificationsOnly() {
        SignatureScheme scheme = SignatureScheme.standard();
        return scheme.verify(senderKey, sendSigned, sendSignature)
                & scheme.verify(recipientKey, ackSigned, ackSignature);
    }
}
