package dev.missive.smp.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.missive.crypto.SymmetricKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BlockLayerTest {

    private static final int BLOCK = SecureTransport.DEFAULT_BLOCK_SIZE;

    private static DirectionKeys vectorKeys() {
        byte[] key = new byte[32];
        byte[] iv = new byte[16];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        for (int i = 0; i < 16; i++) {
            iv[i] = (byte) (0xa0 + i);
        }
        return DirectionKeys.of(SymmetricKey.of(key), iv);
    }

    private static List<byte[]> sealAll(BlockWriter writer, byte[]... writes) throws SecureTransportException {
        List<byte[]> blocks = new ArrayList<>();
        for (byte[] w : writes) {
            writer.write(w, 0, w.length, blocks::add);
        }
        writer.flush(blocks::add);
        return blocks;
    }

    private static byte[] openAll(BlockReader reader, List<byte[]> blocks) throws SecureTransportException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] b : blocks) {
            reader.read(b, 0, b.length, out::write);
        }
        return out.toByteArray();
    }

    @Test
    void sealedBlocksMatchIndependentVectors() throws Exception {
        BlockWriter writer = new BlockWriter(BLOCK, vectorKeys());
        for (SecureTransportVectors.Block v : SecureTransportVectors.blocks()) {
            byte[] sealed = writer.seal(v.payload(), 0, v.payload().length);
            assertThat(sealed).as("block %d", v.counter()).hasSize(BLOCK).isEqualTo(v.wire());
        }
    }

    @Test
    void vectorsOpenInOrder() throws Exception {
        BlockReader reader = new BlockReader(BLOCK, vectorKeys());
        for (SecureTransportVectors.Block v : SecureTransportVectors.blocks()) {
            assertThat(reader.readBlock(v.wire())).isEqualTo(v.payload());
        }
    }

    @Test
    void reorderedBlockFails() {
        List<SecureTransportVectors.Block> vectors = SecureTransportVectors.blocks();
        BlockReader reader = new BlockReader(BLOCK, vectorKeys());
        assertThatThrownBy(() -> reader.readBlock(vectors.get(1).wire()))
                .isInstanceOf(SecureTransportException.class)
                .extracting(e -> ((SecureTransportException) e).reason())
                .isEqualTo(SecureTransportException.Reason.BLOCK_AUTHENTICATION);
    }

    @Test
    void replayedBlockFailsAndReaderStaysDead() throws Exception {
        List<SecureTransportVectors.Block> vectors = SecureTransportVectors.blocks();
        BlockReader reader = new BlockReader(BLOCK, vectorKeys());
        reader.readBlock(vectors.get(0).wire());
        assertThatThrownBy(() -> reader.readBlock(vectors.get(0).wire())).isInstanceOf(SecureTransportException.class);
        // Even the genuinely next block is refused once the stream has failed.
        assertThatThrownBy(() -> reader.readBlock(vectors.get(1).wire())).isInstanceOf(SecureTransportException.class);
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] wire = SecureTransportVectors.blocks().get(1).wire();
        for (int i = 0; i < wire.length; i++) {
            byte[] tampered = wire.clone();
            tampered[i] ^= (byte) (1 << (i % 8));
            // A flip in block 1 must also fail when the reader is at counter 1.
            BlockReader reader = new BlockReader(BLOCK, vectorKeys());
            int position = i;
            try {
                reader.readBlock(SecureTransportVectors.blocks().get(0).wire());
            } catch (SecureTransportException e) {
                throw new AssertionError(e);
            }
            assertThatThrownBy(() -> reader.readBlock(tampered))
                    .as("flip at %d", position)
                    .isInstanceOf(SecureTransportException.class);
        }
    }

    @Test
    void truncatedBlockIsRejectedOrWaitedFor() throws Exception {
        byte[] wire = SecureTransportVectors.blocks().get(0).wire();
        byte[] truncated = Arrays.copyOf(wire, wire.length - 1);
        assertThatThrownBy(() -> new BlockReader(BLOCK, vectorKeys()).readBlock(truncated))
                .isInstanceOf(SecureTransportException.class);
        BlockReader streaming = new BlockReader(BLOCK, vectorKeys());
        List<byte[]> got = new ArrayList<>();
        streaming.read(truncated, 0, truncated.length, (b, o, l) -> got.add(Arrays.copyOfRange(b, o, o + l)));
        assertThat(got).isEmpty();
        streaming.read(wire, wire.length - 1, 1, (b, o, l) -> got.add(Arrays.copyOfRange(b, o, o + l)));
        assertThat(got).containsExactly(SecureTransportVectors.blocks().get(0).payload());
    }

    @Test
    void blockFromTheOtherDirectionFails() throws Exception {
        ClientHandshake handshake = ClientHandshake.generate(BLOCK, new Random(7)::nextBytes);
        SecureStreams client = handshake.clientStreams();
        List<byte[]> blocks = sealAll(client.writer(), "hello\r\n".getBytes(StandardCharsets.US_ASCII));
        // The client's own reader uses the server→client keys: its own blocks must not open.
        assertThatThrownBy(() -> openAll(client.reader(), blocks)).isInstanceOf(SecureTransportException.class);
        assertThat(openAll(handshake.serverStreams().reader(), blocks))
                .asString(StandardCharsets.US_ASCII)
                .isEqualTo("hello\r\n");
    }

    @Test
    void severalTransmissionsArePackedIntoOneBlock() throws Exception {
        BlockWriter writer = new BlockWriter(BLOCK, vectorKeys());
        byte[] a = "\r\n\r\nCONN a2V5\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "\r\nc2lk\r\nSEND :hi\r\n".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> blocks = sealAll(writer, a, b);
        assertThat(blocks).hasSize(1);
        BlockReader reader = new BlockReader(BLOCK, vectorKeys());
        assertThat(reader.readBlock(blocks.get(0))).isEqualTo(concat(a, b));
    }

    @Test
    void largeWriteIsFragmentedAcrossFullBlocks() throws Exception {
        byte[] big = new byte[10_000];
        new Random(1).nextBytes(big);
        List<byte[]> blocks = sealAll(new BlockWriter(BLOCK, vectorKeys()), big);
        int capacity = SecureTransport.payloadCapacity(BLOCK);
        assertThat(capacity).isEqualTo(4078);
        assertThat(blocks)
                .hasSize((big.length + capacity - 1) / capacity)
                .allSatisfy(b -> assertThat(b).hasSize(BLOCK));
        assertThat(openAll(new BlockReader(BLOCK, vectorKeys()), blocks)).isEqualTo(big);
    }

    @Test
    void anySplitOfTheWireGivesTheSameStream() {
        qt().withExamples(60)
                .forAll(
                        lists().of(integers().between(0, 9_000)).ofSizeBetween(1, 5),
                        lists().of(integers().between(1, 5_000)).ofSizeBetween(1, 8))
                .checkAssert((writeSizes, cuts) -> {
                    try {
                        Random random = new Random(writeSizes.hashCode());
                        BlockWriter writer = new BlockWriter(BLOCK, vectorKeys());
                        ByteArrayOutputStream expected = new ByteArrayOutputStream();
                        ByteArrayOutputStream wire = new ByteArrayOutputStream();
                        for (int size : writeSizes) {
                            byte[] w = new byte[size];
                            random.nextBytes(w);
                            expected.writeBytes(w);
                            writer.write(w, 0, w.length, wire::writeBytes);
                        }
                        writer.flush(wire::writeBytes);
                        byte[] all = wire.toByteArray();
                        BlockReader reader = new BlockReader(BLOCK, vectorKeys());
                        ByteArrayOutputStream got = new ByteArrayOutputStream();
                        int pos = 0;
                        int cut = 0;
                        while (pos < all.length) {
                            int n = Math.min(cuts.get(cut++ % cuts.size()), all.length - pos);
                            reader.read(all, pos, n, got::write);
                            pos += n;
                        }
                        assertThat(got.toByteArray()).isEqualTo(expected.toByteArray());
                    } catch (SecureTransportException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void badPaddingAndOversizedLengthAreFramingErrors() throws Exception {
        byte[] plain = new byte[BLOCK - 16];
        Arrays.fill(plain, (byte) '#');
        plain[1] = 3;
        plain[2] = 'a';
        plain[3] = 'b';
        plain[4] = 'c';
        plain[100] = 'x';
        assertFraming(plain);

        byte[] tooLong = new byte[BLOCK - 16];
        Arrays.fill(tooLong, (byte) '#');
        tooLong[0] = (byte) 0xff;
        tooLong[1] = (byte) 0xff;
        assertFraming(tooLong);
    }

    private static void assertFraming(byte[] plain) throws Exception {
        // Seal with the JDK directly so the framing, not the cipher, is what is wrong.
        DirectionKeys keys = vectorKeys();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(keys.key().revealSecret(), "AES"),
                new GCMParameterSpec(128, keys.baseIv()));
        byte[] sealed = gcm.doFinal(plain);
        byte[] wire = concat(
                Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length),
                Arrays.copyOfRange(sealed, 0, sealed.length - 16));
        assertThatThrownBy(() -> new BlockReader(BLOCK, keys).readBlock(wire))
                .isInstanceOf(SecureTransportException.class)
                .extracting(e -> ((SecureTransportException) e).reason())
                .isEqualTo(SecureTransportException.Reason.BAD_BLOCK_FRAMING);
    }

    @Test
    void keysAreNeverPrinted() {
        assertThat(vectorKeys().toString()).doesNotContain("000102").contains("redacted");
        assertThat(ClientHandshake.generate(BLOCK, new Random(3)::nextBytes).toString())
                .contains("redacted");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
