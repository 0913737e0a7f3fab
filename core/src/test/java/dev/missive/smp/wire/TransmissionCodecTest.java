package dev.missive.smp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import dev.missive.smp.model.SmpException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransmissionCodecTest {

    private static final QueueId RID = QueueId.of(Base64Fields.decodeOrNull("XnZWo4aZ6h6Yx2JS"));
    private static final QueueId SID = QueueId.of(Base64Fields.decodeOrNull("+0ezQ/L6wLxFTRXj"));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static TransmissionDecoder serverSide() {
        return new TransmissionDecoder(TransmissionDecoder.Direction.TO_SERVER, 4096, 16384);
    }

    @Test
    void encodesTheDigestExchangesExactly() {
        assertThat(TransmissionEncoder.command(null, new Command.Create(ascii("rkey-1234"))))
                .isEqualTo(ascii("\r\n\r\nCONN cmtleS0xMjM0\r\n"));
        assertThat(TransmissionEncoder.server(null, new ServerMessage.Ids(RID, SID)))
                .isEqualTo(ascii("\r\n\r\nIDS XnZWo4aZ6h6Yx2JS +0ezQ/L6wLxFTRXj\r\n"));
        assertThat(TransmissionEncoder.command(SID, Command.Send.text("hello world")))
                .isEqualTo(ascii("\r\n+0ezQ/L6wLxFTRXj\r\nSEND :hello world\r\n"));
        assertThat(TransmissionEncoder.command(SID, Command.Send.binary(ascii("hello"))))
                .isEqualTo(ascii("\r\n+0ezQ/L6wLxFTRXj\r\nSEND 5\r\nhello\r\n"));
        assertThat(TransmissionEncoder.server(
                        RID,
                        new ServerMessage.Msg(
                                Base64Fields.decodeOrNull("Ip0FlIYm"),
                                Instant.parse("2020-10-18T20:19:36.874Z"),
                                ascii("hello world"))))
                .isEqualTo(
                        ascii("\r\nXnZWo4aZ6h6Yx2JS\r\nMSG Ip0FlIYm 2020-10-18T20:19:36.874Z 11\r\nhello world\r\n"));
        assertThat(TransmissionEncoder.server(RID, new ServerMessage.End()))
                .isEqualTo(ascii("\r\nXnZWo4aZ6h6Yx2JS\r\nEND\r\n"));
        assertThat(TransmissionEncoder.server(SID, new ServerMessage.Err(SmpError.SYNTAX_2)))
                .isEqualTo(ascii("\r\n+0ezQ/L6wLxFTRXj\r\nERR SYNTAX 2\r\n"));
        assertThat(TransmissionEncoder.command(
                        new byte[] {1, 2, 3}, TransmissionEncoder.signedPart(RID, new Command.Subscribe())))
                .isEqualTo(ascii("AQID\r\nXnZWo4aZ6h6Yx2JS\r\nSUB\r\n"));
    }

    @Test
    void signedBytesRunFromAfterTheSignatureLineToBeforeTheLastLineBreak() {
        List<Frame> frames = serverSide()
                .feed(ascii("AQID\r\nXnZWo4aZ6h6Yx2JS\r\nSEND 4\r\na\r\nb\r\nAQID\r\nXnZWo4aZ6h6Yx2JS\r\nSUB\r\n"));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).signedBytes()).isEqualTo(ascii("XnZWo4aZ6h6Yx2JS\r\nSEND 4\r\na\r\nb"));
        assertThat(frames.get(0).body()).isEqualTo(ascii("a\r\nb"));
        assertThat(frames.get(1).signedBytes()).isEqualTo(ascii("XnZWo4aZ6h6Yx2JS\r\nSUB"));
        assertThat(TransmissionEncoder.signedPart(RID, Command.Send.binary(ascii("a\r\nb"))))
                .isEqualTo(frames.get(0).signedBytes());
    }

    @Test
    void bareLineFeedsAreAcceptedAndSignedAsReceived() {
        List<Frame> frames = serverSide().feed(ascii("AQID\nXnZWo4aZ6h6Yx2JS\nSEND 2\nab\n"));
        assertThat(frames).hasSize(1);
        assertThat(frames.getFirst().signedBytes()).isEqualTo(ascii("XnZWo4aZ6h6Yx2JS\nSEND 2\nab"));
        assertThat(frames.getFirst().framingError()).isNull();
    }

    @Test
    void newIsAnAliasOfConnAndRsaPrefixedKeysAreAccepted() {
        var parser = new CommandParser(false);
        var conn = parser.parse(
                serverSide().feed(ascii("\r\n\r\nNEW rsa:cmtleS0xMjM0\r\n")).getFirst());
        assertThat(conn).isEqualTo(new DecodedCommand.Valid(((DecodedCommand.Valid) conn).transmission()));
        assertThat(((DecodedCommand.Valid) conn).transmission().command())
                .isEqualTo(new Command.Create(ascii("rkey-1234")));
    }

    @Test
    void clientSideDecodesEveryServerMessage() throws SmpException {
        var decoder = new TransmissionDecoder(TransmissionDecoder.Direction.TO_CLIENT, 4096, 4096);
        List<ServerMessage> expected = List.of(
                new ServerMessage.Ids(RID, SID),
                new ServerMessage.Msg(
                        new byte[] {1, 2, 3, 4, 5, 6},
                        Instant.parse("2020-10-18T20:19:36.874Z"),
                        new byte[] {'\r', '\n', 0}),
                new ServerMessage.End(),
                new ServerMessage.Ok(),
                new ServerMessage.Err(SmpError.SYNTAX_6));
        byte[] stream = expected.stream()
                .map(m -> TransmissionEncoder.server(RID, m))
                .reduce(new byte[0], TransmissionCodecTest::concat);
        List<ServerMessage> decoded = new ArrayList<>();
        for (Frame f : decoder.feed(stream)) {
            decoded.add(ServerMessageParser.parse(f).message());
        }
        assertThat(decoded).isEqualTo(expected);
    }

    @Test
    void clientSideRejectsMalformedServerTransmissions() {
        var decoder = new TransmissionDecoder(TransmissionDecoder.Direction.TO_CLIENT, 4096, 4096);
        List<Frame> frames = decoder.feed(ascii(
                "AQID\r\n\r\nOK\r\n\r\n\r\nERR NOPE\r\n\r\n\r\nPONG\r\n\r\n!!\r\nOK\r\n\r\n\r\nMSG a b 1\r\nx\r\n"));
        assertThat(frames).hasSize(5);
        for (Frame f : frames) {
            assertThatThrownBy(() -> ServerMessageParser.parse(f)).isInstanceOf(SmpException.class);
        }
    }

    /** Any split of the stream gives the same frames, and every command survives encode, frame, parse. */
    @Test
    void framesAreIndependentOfHowTheStreamIsSplit() {
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 64)).checkAssert((seed, maxChunk) -> {
            SplittableRandom random = new SplittableRandom(seed);
            List<Command> commands = randomCommands(random);
            byte[] stream = new byte[0];
            for (Command c : commands) {
                // signed as the credential rules require: CONN never, SEND optionally, the rest always
                boolean signed =
                        !(c instanceof Command.Create) && (!(c instanceof Command.Send) || random.nextBoolean());
                stream = concat(
                        stream,
                        TransmissionEncoder.command(
                                signed ? randomBytes(random, 64) : new byte[0],
                                TransmissionEncoder.signedPart(c instanceof Command.Create ? null : SID, c)));
            }
            List<Frame> whole = serverSide().feed(stream);
            TransmissionDecoder chunked = serverSide();
            List<Frame> pieces = new ArrayList<>();
            for (int i = 0; i < stream.length; ) {
                int n = Math.min(stream.length - i, 1 + random.nextInt(maxChunk));
                pieces.addAll(chunked.feed(stream, i, n));
                i += n;
            }
            assertThat(pieces).hasSameSizeAs(whole);
            for (int i = 0; i < whole.size(); i++) {
                assertThat(pieces.get(i).signedBytes()).isEqualTo(whole.get(i).signedBytes());
                assertThat(pieces.get(i).signatureLine()).isEqualTo(whole.get(i).signatureLine());
                assertThat(pieces.get(i).body()).isEqualTo(whole.get(i).body());
            }
            CommandParser parser = new CommandParser(true);
            assertThat(whole.stream()
                            .map(f -> ((DecodedCommand.Valid) parser.parse(f))
                                    .transmission()
                                    .command())
                            .toList())
                    .isEqualTo(commands);
        });
    }

    /** Arbitrary bytes with tiny caps: the framer and the parser never throw. */
    @Test
    void arbitraryBytesNeverThrow() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] garbage = randomBytes(random, 300);
            TransmissionDecoder decoder = new TransmissionDecoder(TransmissionDecoder.Direction.TO_SERVER, 64, 32);
            CommandParser parser = new CommandParser(false);
            for (Frame f : decoder.feed(garbage)) {
                assertThat(parser.parse(f)).isNotNull();
            }
            assertThat(decoder.feed(new byte[0])).isEmpty();
        });
    }

    private static List<Command> randomCommands(SplittableRandom random) {
        List<Command> out = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.add(
                    switch (random.nextInt(8)) {
                        case 0 -> new Command.Create(randomBytes(random, 1, 60));
                        case 1 -> new Command.Subscribe();
                        case 2 -> new Command.Secure(randomBytes(random, 1, 60));
                        case 3 -> new Command.Acknowledge(random.nextBoolean() ? null : randomBytes(random, 1, 9));
                        case 4 -> new Command.Suspend();
                        case 5 -> new Command.Delete();
                        case 6 -> Command.Send.binary(randomBytes(random, 0, 300));
                        default -> Command.Send.text(new String(textBytes(random), StandardCharsets.ISO_8859_1));
                    });
        }
        return out;
    }

    private static byte[] textBytes(SplittableRandom random) {
        byte[] b = randomBytes(random, 0, 80);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0 || b[i] == '\r' || b[i] == '\n') {
                b[i] = 'x';
            }
        }
        return b;
    }

    private static byte[] randomBytes(SplittableRandom random, int max) {
        return randomBytes(random, 1, max);
    }

    private static byte[] randomBytes(SplittableRandom random, int min, int max) {
        byte[] b = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(b);
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
