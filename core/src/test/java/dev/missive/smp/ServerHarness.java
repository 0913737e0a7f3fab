package dev.missive.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.smp.memory.InMemoryMessageStore;
import dev.missive.smp.memory.InMemoryQueueStore;
import dev.missive.smp.model.QueueId;
import dev.missive.smp.wire.Command;
import dev.missive.smp.wire.ServerMessage;
import dev.missive.smp.wire.ServerTransmission;
import dev.missive.smp.wire.TransmissionEncoder;
import dev.missive.testing.ManualClock;
import dev.missive.testing.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** An in-memory server with a fixed clock, a seeded random source and a verification counter. */
public final class ServerHarness {

    public static final Instant START = Instant.parse("2020-10-18T20:19:36.874Z");

    public final ManualClock clock = new ManualClock(START);
    public final InMemoryQueueStore queues = new InMemoryQueueStore();
    public final InMemoryMessageStore messages = new InMemoryMessageStore();
    public final List<SmpEvent> events = new CopyOnWriteArrayList<>();
    public final AtomicInteger verifications = new AtomicInteger();
    public final SignatureScheme scheme;
    public final SmpServer server;

    public ServerHarness() {
        this(SignatureScheme.standard(), b -> b);
    }

    public ServerHarness(SignatureScheme scheme, UnaryOperator<SmpServer.Builder> config) {
        this.scheme = scheme;
        SignatureScheme counting = new CountingScheme(scheme, verifications);
        this.server = config.apply(SmpServer.builder()
                        .queueStore(queues)
                        .messageStore(messages)
                        .clock(clock)
                        .random(new SeededRandom(42))
                        .eventListener(new EventListener() {
                            @Override
                            public void onProtocolEvent(ProtocolEvent event) {
                                events.add((SmpEvent) event);
                            }
                        })
                        .signatureScheme(counting))
                .build();
    }

    /** What a connection received, one line each: {@code MSG <body>}, {@code IDS}, or the reply line. */
    public static List<String> lines(List<ServerTransmission> ts) {
        return ts.stream()
                .map(t -> t.message() instanceof ServerMessage.Msg m
                        ? "MSG " + new String(m.body(), java.nio.charset.StandardCharsets.UTF_8)
                        : t.message() instanceof ServerMessage.Ids
                                ? "IDS"
                                : t.message().line())
                .toList();
    }

    /** The events of type {@code type} reported so far, in order. */
    public <E extends SmpEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The types of the events reported so far, in order. */
    public List<Class<?>> eventTypes() {
        return events.stream().<Class<?>>map(Object::getClass).toList();
    }

    /** A session with a recording sink. */
    public Connection connect() {
        RecordingSink sink = new RecordingSink();
        return new Connection(server.openSession(sink), sink);
    }

    /** Alice's connection with a queue she created (so she is subscribed), and Bob's, who sends to it. */
    public record SharedQueue(Connection alice, Connection bob, QueueId rid, QueueId sid) {
        /** Bob sends {@code text} unsigned; the server must answer {@code OK}. */
        public void bobSends(String text) {
            bob.send(null, sid, Command.Send.text(text));
            assertThat(lines(bob.sink().next())).containsExactly("OK");
        }
    }

    /** Connects Alice and Bob; Alice creates a queue with {@code recipientKey}. */
    public SharedQueue openQueue(SigningKey recipientKey) {
        Connection alice = connect();
        Connection bob = connect();
        ServerMessage.Ids ids = alice.create(recipientKey);
        return new SharedQueue(alice, bob, ids.recipientId(), ids.senderId());
    }

    /** A server session plus what it wrote. */
    public record Connection(ServerSession session, RecordingSink sink) {
        public void write(byte[] bytes) {
            session.onBytes(bytes, 0, bytes.length);
        }

        public void write(String text) {
            write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Creates a queue with {@code recipientKey} ({@code NEW}) and returns its IDs. */
        public ServerMessage.Ids create(SigningKey recipientKey) {
            send(null, null, new Command.Create(recipientKey.publicKey()));
            return (ServerMessage.Ids) sink.next().getFirst().message();
        }

        /** Sends {@code command} for {@code queueId}, signed with {@code key} (null: unsigned). */
        public void send(SigningKey key, QueueId queueId, Command command) {
            byte[] signed = TransmissionEncoder.signedPart(queueId, command);
            write(TransmissionEncoder.command(key == null ? new byte[0] : key.sign(signed), signed));
        }
    }

    /** Delegates to a scheme and counts verifications. */
    private record CountingScheme(SignatureScheme delegate, AtomicInteger count) implements SignatureScheme {
        @Override
        public boolean acceptsKey(byte[] publicKey) {
            return delegate.acceptsKey(publicKey);
        }

        @Override
        public boolean verify(byte[] publicKey, byte[] signedBytes, byte[] signature) {
            count.incrementAndGet();
            return delegate.verify(publicKey, signedBytes, signature);
        }

        @Override
        public byte[] dummyKey(byte[] signature) {
            return delegate.dummyKey(signature);
        }

        @Override
        public byte[] dummySignature(byte[] publicKey) {
            return delegate.dummySignature(publicKey);
        }

        @Override
        public SigningKey generateKey(dev.missive.spi.RandomSource random) {
            return delegate.generateKey(random);
        }
    }
}
