package dev.missive.tcp.smp;

import dev.missive.crypto.Ed25519PrivateKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Test-side encoding of seed-dialect transmissions and an incremental parser of server
 * transmissions, written from the framing in {@code docs/smp.md} ("Wire decisions") independently of core's codec so the
 * transport tests check the bytes on the wire.
 */
final class Wire {

    private Wire() {}

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An unsigned transmission: empty signature line, connId line, command line. */
    static byte[] unsigned(String connId, String command) {
        return ascii("\r\n" + connId + "\r\n" + command + "\r\n");
    }

    /** A transmission signed with {@code key} over {@code connId CRLF command} (the signed bytes of {@code docs/smp.md}, "Wire decisions"). */
    static byte[] signed(Ed25519PrivateKey key, String connId, String command) {
        byte[] signedPart = ascii(connId + "\r\n" + command);
        return ascii(b64(key.sign(signedPart)) + "\r\n" + connId + "\r\n" + command + "\r\n");
    }

    /** A signed binary SEND: the signature covers connId, command line and body. */
    static byte[] signedSend(Ed25519PrivateKey key, String connId, byte[] body) {
        ByteArrayOutputStream signedPart = new ByteArrayOutputStream();
        signedPart.writeBytes(ascii(connId + "\r\nSEND " + body.length + "\r\n"));
        signedPart.writeBytes(body);
        byte[] part = signedPart.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii(b64(key.sign(part)) + "\r\n"));
        out.writeBytes(part);
        out.writeBytes(ascii("\r\n"));
        return out.toByteArray();
    }

    /** A server transmission: connId, command line, and for MSG its body. */
    record Reply(String signature, String connId, String command, byte[] body) {

        String kind() {
            int space = command.indexOf(' ');
            return space < 0 ? command : command.substring(0, space);
        }

        String[] words() {
            return command.split(" ");
        }

        String bodyText() {
            return body == null ? null : new String(body, StandardCharsets.ISO_8859_1);
        }

        /** The reply with its random parts (IDs, msgIds, timestamps) replaced, for comparisons. */
        String normalized() {
            String c = switch (kind()) {
                case "IDS" -> "IDS <rid> <sid>";
                case "MSG" -> "MSG <id> <ts> " + words()[3];
                default -> command;
            };
            return signature + "|" + (connId.isEmpty() ? "" : "<cid>") + "|" + c + "|"
                    + (body == null ? "" : bodyText());
        }
    }

    /** Incremental parser of server transmissions: feed bytes, take complete replies. */
    static final class Parser {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        synchronized void feed(byte[] bytes, int off, int len) {
            pending.write(bytes, off, len);
        }

        /** All complete replies parsed so far (removed from the buffer). */
        synchronized List<Reply> drain() {
            List<Reply> out = new ArrayList<>();
            byte[] buf = pending.toByteArray();
            int pos = 0;
            while (true) {
                int[] p = {pos};
                String sig = line(buf, p);
                String cid = sig == null ? null : line(buf, p);
                String cmd = cid == null ? null : line(buf, p);
                if (cmd == null) {
                    break;
                }
                byte[] body = null;
                if (cmd.startsWith("MSG ")) {
                    String[] w = cmd.split(" ");
                    int n = Integer.parseInt(w[w.length - 1]);
                    if (buf.length - p[0] < n + 2) {
                        break;
                    }
                    body = java.util.Arrays.copyOfRange(buf, p[0], p[0] + n);
                    if (buf[p[0] + n] != '\r' || buf[p[0] + n + 1] != '\n') {
                        throw new AssertionError("MSG body not followed by CRLF");
                    }
                    p[0] += n + 2;
                }
                out.add(new Reply(sig, cid, cmd, body));
                pos = p[0];
            }
            pending.reset();
            pending.write(buf, pos, buf.length - pos);
            return out;
        }

        private static String line(byte[] buf, int[] pos) {
            for (int i = pos[0]; i + 1 < buf.length; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String s = new String(buf, pos[0], i - pos[0], StandardCharsets.ISO_8859_1);
                    pos[0] = i + 2;
                    return s;
                }
            }
            return null;
        }
    }
}
