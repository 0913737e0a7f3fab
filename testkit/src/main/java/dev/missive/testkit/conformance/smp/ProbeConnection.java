package dev.missive.testkit.conformance.smp;

import dev.missive.crypto.Encodings;
import dev.missive.smp.SigningKey;
import dev.missive.tcp.smp.SmpTcpConnection;
import dev.missive.testkit.SmpTransmission;
import dev.missive.testkit.SmpTransmissionReader;
import dev.missive.testkit.conformance.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of the SMP suite: writes raw transmissions (signed with real keys) and
 * queues what the server sends, read by an independent {@link SmpTransmissionReader}. Waiting for a
 * reply is bounded (a hung server fails the check instead of the run), never measured.
 */
final class ProbeConnection implements AutoCloseable {

    /** How long a check waits for an expected transmission before failing. */
    static final Duration REPLY_WAIT = Duration.ofSeconds(15);

    private static final SmpTransmission CLOSED = new SmpTransmission("", "", "<closed>", null);
    private static final byte[] CRLF = {'\r', '\n'};

    private final SmpTcpConnection tcp;
    private final BlockingQueue<SmpTransmission> received = new LinkedBlockingQueue<>();
    private volatile Throwable closeCause;

    private ProbeConnection(SmpTcpConnection tcp) {
        this.tcp = tcp;
    }

    /** Connects (and, in encrypted mode, completes the Appendix A handshake with the pinned key). */
    static ProbeConnection open(SmpTarget target) throws IOException {
        SmpTcpConnection tcp = SmpTcpConnection.connect(target.host(), target.port(), target.mode(), target.keyHash());
        ProbeConnection probe = new ProbeConnection(tcp);
        SmpTransmissionReader reader = new SmpTransmissionReader(probe.received::add, 1 << 20, 1 << 24);
        tcp.onClosed(cause -> {
            probe.closeCause = cause;
            probe.received.add(CLOSED);
        });
        tcp.start(reader::accept);
        return probe;
    }

    /** Writes raw bytes as they are. */
    void write(byte[] bytes) {
        tcp.sink().send(bytes);
    }

    /** Writes one transmission, signed with {@code key} when it is not null. */
    void send(SigningKey key, String connId, String command) {
        write(transmission(key, connId, command, null));
    }

    /** Writes a binary {@code SEND <n>} with {@code body}, signed with {@code key} when not null. */
    void sendBinary(SigningKey key, String connId, byte[] body) {
        write(transmission(key, connId, "SEND " + body.length, body));
    }

    /** The bytes of a transmission; the signature covers connId, command and body (docs/smp.md "Signed bytes"). */
    static byte[] transmission(SigningKey key, String connId, String command, byte[] body) {
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.writeBytes(connId.getBytes(StandardCharsets.ISO_8859_1));
        signed.writeBytes(CRLF);
        signed.writeBytes(command.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            signed.writeBytes(CRLF);
            signed.writeBytes(body);
        }
        byte[] signedBytes = signed.toByteArray();
        String signature = key == null ? "" : Encodings.base64(key.sign(signedBytes));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(signature.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
        out.writeBytes(signedBytes);
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /** The next transmission from the server; fails the check if it closed or sent nothing in time. */
    SmpTransmission next(String waitingFor) throws InterruptedException {
        SmpTransmission t = received.poll(REPLY_WAIT.toSeconds(), TimeUnit.SECONDS);
        if (t == null) {
            throw Verdict.fail(
                    "no transmission within " + REPLY_WAIT.toSeconds() + " s while waiting for " + waitingFor);
        }
        if (t == CLOSED) {
            received.add(CLOSED);
            throw Verdict.fail("the server closed the connection while we waited for " + waitingFor
                    + (closeCause == null ? "" : " (" + closeCause + ")"));
        }
        if (SmpTransmissionReader.OVERSIZED.equals(t.command())) {
            throw Verdict.fail("the server sent an over-long line or body while we waited for " + waitingFor);
        }
        return t;
    }

    /** The next transmission's command line, requiring it to be exactly {@code expected}. */
    SmpTransmission expect(String what, String expected) throws InterruptedException {
        SmpTransmission t = next(what);
        if (!t.command().equals(expected)) {
            throw Verdict.fail(what + ": expected `" + expected + "`, got `" + t.command() + "`");
        }
        return t;
    }

    @Override
    public void close() {
        tcp.close();
    }
}
