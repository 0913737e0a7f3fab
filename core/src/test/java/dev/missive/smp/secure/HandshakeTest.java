package dev.missive.smp.secure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.missive.crypto.Digests;
import dev.missive.crypto.Encodings;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.crypto.RsaPublicKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static final Map<String, byte[]> KAT = SecureTransportVectors.handshake();
    private static final RsaPrivateKey SERVER_KEY = RsaPrivateKey.fromPkcs8(kat("pkcs8"));
    private static final RsaPublicKey SERVER_PUBLIC = RsaPublicKey.fromSpki(kat("spki"));

    /** A fresh copy, so a test that tampers with it cannot affect another. */
    private static byte[] kat(String name) {
        return KAT.get(name).clone();
    }

    private static SecureTransportException.Reason reasonOf(ThrowingRunnable r) {
        try {
            r.run();
        } catch (SecureTransportException e) {
            return e.reason();
        }
        throw new AssertionError("expected SecureTransportException");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws SecureTransportException;
    }

    @Test
    void serverHeaderLayout() throws Exception {
        byte[] header = new ServerHeader(4096, SERVER_PUBLIC).encode();
        byte[] spki = kat("spki");
        assertThat(Encodings.hex(Arrays.copyOf(header, 8)))
                .isEqualTo("00001000" + "0000" + String.format("%04x", spki.length));
        assertThat(Arrays.copyOfRange(header, 8, header.length)).isEqualTo(spki);
        assertThat(ServerHeader.keyLength(header)).isEqualTo(spki.length);
        ServerHeader decoded = ServerHeader.decode(header);
        assertThat(decoded.blockSize()).isEqualTo(4096);
        assertThat(decoded.keyHash()).isEqualTo(kat("spki-sha256")).isEqualTo(Digests.sha256(spki));
        decoded.verifyKeyHash(kat("spki-sha256"));
    }

    @Test
    void wrongPinnedHashAborts() throws Exception {
        ServerHeader header = ServerHeader.decode(new ServerHeader(4096, SERVER_PUBLIC).encode());
        byte[] wrong = kat("spki-sha256");
        wrong[31] ^= 1;
        assertThat(reasonOf(() -> header.verifyKeyHash(wrong)))
                .isEqualTo(SecureTransportException.Reason.SERVER_KEY_MISMATCH);
    }

    @Test
    void malformedServerHeadersAreRejected() {
        assertThat(reasonOf(() -> ServerHeader.keyLength(prefix(4096, 0, 0))))
                .isEqualTo(SecureTransportException.Reason.BAD_SERVER_HEADER);
        assertThat(reasonOf(() -> ServerHeader.keyLength(prefix(4096, 1, 294))))
                .isEqualTo(SecureTransportException.Reason.BAD_SERVER_HEADER);
        assertThat(reasonOf(() -> ServerHeader.keyLength(prefix(4096, 0, 5000))))
                .isEqualTo(SecureTransportException.Reason.BAD_SERVER_HEADER);
        assertThat(reasonOf(() -> ServerHeader.keyLength(prefix(1000, 0, 294))))
                .isEqualTo(SecureTransportException.Reason.BAD_BLOCK_SIZE);
        assertThat(reasonOf(() -> ServerHeader.keyLength(new byte[5])))
                .isEqualTo(SecureTransportException.Reason.BAD_SERVER_HEADER);
        byte[] notAKey = ByteBuffer.allocate(8 + 4)
                .put(prefix(4096, 0, 4))
                .put(new byte[] {1, 2, 3, 4})
                .array();
        assertThat(reasonOf(() -> ServerHeader.decode(notAKey)))
                .isEqualTo(SecureTransportException.Reason.BAD_SERVER_HEADER);
        byte[] good = new ServerHeader(4096, SERVER_PUBLIC).encode();
        assertThat(reasonOf(() -> ServerHeader.decode(Arrays.copyOf(good, good.length - 1))))
                .isEqualTo(SecureTransportException.Reason.BAD_SERVER_HEADER);
    }

    private static byte[] prefix(int blockSize, int mode, int keyLength) {
        return ByteBuffer.allocate(8)
                .putInt(blockSize)
                .putShort((short) mode)
                .putShort((short) keyLength)
                .array();
    }

    @Test
    void decryptsAnIndependentlyMadeHandshake() throws Exception {
        byte[] ciphertext = kat("ciphertext");
        assertThat(ciphertext)
                .hasSize(ClientHandshake.ciphertextLength(SERVER_PUBLIC))
                .hasSize(256);
        ClientHandshake handshake = ClientHandshake.decrypt(SERVER_KEY, ciphertext);
        assertThat(handshake.blockSize()).isEqualTo(8192);
        assertThat(Encodings.hex(handshake.clientToServer().key().revealSecret()))
                .isEqualTo("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertThat(Encodings.hex(handshake.clientToServer().baseIv())).isEqualTo("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        assertThat(Encodings.hex(handshake.serverToClient().key().revealSecret()))
                .isEqualTo("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f");
        assertThat(Encodings.hex(handshake.serverToClient().baseIv())).isEqualTo("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf");
        assertThat(handshake.encode()).hasSize(102).isEqualTo(kat("plaintext"));
    }

    @Test
    void generatedHandshakeRoundTripsThroughRsaOaep() throws Exception {
        ClientHandshake sent = ClientHandshake.generate(4096, new Random(11)::nextBytes);
        ClientHandshake received = ClientHandshake.decrypt(SERVER_KEY, sent.encryptTo(SERVER_PUBLIC));
        assertThat(received.encode()).isEqualTo(sent.encode());
    }

    @Test
    void badHandshakesAreRejected() {
        byte[] ciphertext = kat("ciphertext");
        ciphertext[10] ^= 0x40;
        assertThat(reasonOf(() -> ClientHandshake.decrypt(SERVER_KEY, ciphertext)))
                .isEqualTo(SecureTransportException.Reason.BAD_CLIENT_HANDSHAKE);
        assertThat(reasonOf(() -> ClientHandshake.decrypt(SERVER_KEY, new byte[10])))
                .isEqualTo(SecureTransportException.Reason.BAD_CLIENT_HANDSHAKE);

        byte[] reserved = kat("plaintext");
        reserved[5] = 1;
        assertThat(reasonOf(() -> ClientHandshake.decode(reserved)))
                .isEqualTo(SecureTransportException.Reason.BAD_CLIENT_HANDSHAKE);
        byte[] blockSize = kat("plaintext");
        blockSize[2] = 0x11;
        assertThat(reasonOf(() -> ClientHandshake.decode(blockSize)))
                .isEqualTo(SecureTransportException.Reason.BAD_BLOCK_SIZE);
        assertThat(reasonOf(() -> ClientHandshake.decode(new byte[101])))
                .isEqualTo(SecureTransportException.Reason.BAD_CLIENT_HANDSHAKE);
    }

    @Test
    void everyAllowedBlockSizeWorks() throws Exception {
        for (int size : SecureTransport.ALLOWED_BLOCK_SIZES) {
            ClientHandshake h = ClientHandshake.decrypt(
                    SERVER_KEY,
                    ClientHandshake.generate(size, new Random(size)::nextBytes).encryptTo(SERVER_PUBLIC));
            SecureStreams server = h.serverStreams();
            java.util.List<byte[]> blocks = new java.util.ArrayList<>();
            byte[] greeting = VersionGreeting.CURRENT.line();
            server.writer().write(greeting, 0, greeting.length, blocks::add);
            server.writer().flush(blocks::add);
            assertThat(blocks).singleElement().satisfies(b -> assertThat(b).hasSize(size));
            assertThat(h.clientStreams().reader().readBlock(blocks.get(0))).isEqualTo(greeting);
        }
    }

    @Test
    void versionGreeting() throws Exception {
        assertThat(new String(VersionGreeting.CURRENT.line(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("SMP 0.1.0.0\r\n");
        VersionGreeting client = VersionGreeting.CURRENT;
        assertThat(client.checkServer("SMP 0.1.0.0")).isEqualTo(client);
        assertThat(client.checkServer("SMP 0.1.7.3").patch()).isEqualTo(7);
        assertThat(client.checkServer("SMP 0.0.9.9").minor()).isZero();
        assertThat(reasonOf(() -> client.checkServer("SMP 0.2.0.0")))
                .isEqualTo(SecureTransportException.Reason.BAD_GREETING);
        assertThat(reasonOf(() -> client.checkServer("SMP 1.0.0.0")))
                .isEqualTo(SecureTransportException.Reason.BAD_GREETING);
        for (String bad : new String[] {
            "Welcome to SMP", "SMP 0.1.0", "SMP 0.1.0.0 ", "smp 0.1.0.0", "SMP 0.1.0.x", "SMP 999999.1.0.0", ""
        }) {
            assertThat(reasonOf(() -> VersionGreeting.parse(bad)))
                    .as(bad)
                    .isEqualTo(SecureTransportException.Reason.BAD_GREETING);
        }
    }
}
