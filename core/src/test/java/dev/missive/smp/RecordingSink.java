package dev.missive.smp;

import dev.missive.smp.model.SmpException;
import dev.missive.smp.wire.Frame;
import dev.missive.smp.wire.ServerMessageParser;
import dev.missive.smp.wire.ServerTransmission;
import dev.missive.smp.wire.TransmissionDecoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** A thread-safe {@link TransmissionSink} that records everything a server session writes. */
public final class RecordingSink implements TransmissionSink {

    private final ReentrantLock lock = new ReentrantLock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int consumed;

    @Override
    public void send(byte[] frame) {
        lock.lock();
        try {
            bytes.writeBytes(frame);
        } finally {
            lock.unlock();
        }
    }

    /** Everything written so far. */
    public byte[] bytes() {
        lock.lock();
        try {
            return bytes.toByteArray();
        } finally {
            lock.unlock();
        }
    }

    /** Everything written so far as text (ISO-8859-1, so bytes map one to one). */
    public String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Every transmission written so far, decoded. */
    public List<ServerTransmission> transmissions() {
        return decode(bytes());
    }

    /** The transmissions written since the previous call of this method. */
    public List<ServerTransmission> next() {
        byte[] all = bytes();
        byte[] fresh = java.util.Arrays.copyOfRange(all, consumed, all.length);
        consumed = all.length;
        return decode(fresh);
    }

    private static List<ServerTransmission> decode(byte[] data) {
        TransmissionDecoder decoder =
                new TransmissionDecoder(TransmissionDecoder.Direction.TO_CLIENT, 1 << 20, 1 << 20);
        List<ServerTransmission> out = new ArrayList<>();
        for (Frame f : decoder.feed(data)) {
            try {
                out.add(ServerMessageParser.parse(f));
            } catch (SmpException e) {
                throw new AssertionError("server wrote an invalid transmission: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
