package dev.missive.testkit.conformance.emsg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.testkit.conformance.Verdict;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One ESMP connection of the EMSG suite: writes raw lines and reads the server's reply lines with
 * its own reader (LF-terminated, a CR before it dropped, {@code docs/emsg.md} "Session"), parsed
 * with a plain Jackson mapper, independent of the engine's decoder. Every wait for a reply is
 * bounded (a hung server fails the check instead of the run), never measured.
 */
final class LineProbe implements AutoCloseable {

    /** How long a check waits for an expected reply before failing. */
    static final Duration REPLY_WAIT = Duration.ofSeconds(15);

    /** Longest reply line read (an inbox page of the largest messages stays below it). */
    private static final int MAX_REPLY = 64 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private LineProbe(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to the target; a failure is an {@link IOException} for the caller to report. */
    static LineProbe open(EmsgTarget target) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) REPLY_WAIT.toMillis());
            socket.setSoTimeout((int) REPLY_WAIT.toMillis());
            return new LineProbe(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes {@code line} and its LF; a write failure fails the check. */
    void send(String line) {
        write((line + "\n").getBytes(StandardCharsets.UTF_8), "writing a line");
    }

    /** Writes raw bytes as they are. */
    void write(byte[] bytes, String what) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw Verdict.fail("the server closed or reset the connection while " + what + " (" + e.getMessage() + ")");
        }
    }

    /** The next reply line, parsed; fails the check on a close, a timeout or a line that is not a JSON object. */
    JsonNode reply(String waitingFor) {
        String line;
        try {
            line = readLine(REPLY_WAIT);
        } catch (SocketTimeoutException e) {
            throw Verdict.fail("no reply within " + REPLY_WAIT.toSeconds() + " s while waiting for " + waitingFor);
        } catch (IOException e) {
            throw Verdict.fail("the connection failed while waiting for " + waitingFor + " (" + e.getMessage() + ")");
        }
        if (line == null) {
            throw Verdict.fail("the server closed the connection while we waited for " + waitingFor);
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw Verdict.fail(waitingFor + ": the reply is not a JSON object: " + abbreviate(line));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Verdict.fail(waitingFor + ": the reply is not JSON: " + abbreviate(line));
        }
    }

    /** Writes {@code line} and returns the reply to it. */
    JsonNode exchange(String line, String what) {
        send(line);
        return reply(what);
    }

    /**
     * Requires that the server has closed the connection (after a reply that says it will): a probe
     * line must meet the end of the stream or a reset, not an answer.
     */
    void expectClosed(String after) {
        try {
            out.write("{\"type\":\"inbox\",\"after\":0,\"limit\":1}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            return; // a reset: closed
        }
        try {
            String line = readLine(REPLY_WAIT);
            if (line != null) {
                throw Verdict.fail("the connection stayed open after " + after + ": a further line was answered "
                        + abbreviate(line));
            }
        } catch (SocketTimeoutException e) {
            throw Verdict.fail("the connection stayed open after " + after + " (no close within "
                    + REPLY_WAIT.toSeconds() + " s)");
        } catch (IOException e) {
            // a reset is a close too
        }
    }

    /**
     * Waits at most {@code wait} for the server to close the connection while we stay silent.
     *
     * @return null when it closed, else what happened instead
     */
    String awaitClose(Duration wait) {
        try {
            String line = readLine(wait);
            return line == null ? null : "the server sent " + abbreviate(line) + " to a silent connection";
        } catch (SocketTimeoutException e) {
            return "the connection was still open after " + wait.toSeconds() + " s of silence";
        } catch (IOException e) {
            return null;
        }
    }

    /** One line without its LF (and a CR before it), or null at the end of the stream. */
    private String readLine(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, wait.toMillis()));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_REPLY) {
                throw new IOException("the server sent a line longer than " + MAX_REPLY + " bytes");
            }
            line.write(b);
        }
    }

    static String abbreviate(String line) {
        return "`" + (line.length() > 200 ? line.substring(0, 200) + "…" : line) + "`";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
