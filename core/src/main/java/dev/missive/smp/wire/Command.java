package dev.missive.smp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** A command a client sends to an SMP server (seed dialect). */
public sealed interface Command {

    /**
     * The command line as sent (without line break), e.g. {@code KEY <base64>} or {@code SEND 5}.
     *
     * @return the command line
     */
    String line();

    /**
     * The sized binary body that follows the command line, or null.
     *
     * @return a copy of the body, or {@code null} when the command has none
     */
    default byte[] binaryBody() {
        return null;
    }

    /**
     * {@code CONN <RK>} (also accepted as {@code NEW}): create a queue. Sent unsigned, without
     * connId.
     *
     * @param recipientKey the encoded public key {@code RK} that will sign the recipient's commands
     */
    record Create(byte[] recipientKey) implements Command {
        /** Keeps its own copies of the arrays it is given. */
        public Create {
            recipientKey = recipientKey.clone();
        }

        /**
         * Returns a copy of the recipient key: the record keeps its own.
         *
         * @return a copy of the key
         */
        @Override
        public byte[] recipientKey() {
            return recipientKey.clone();
        }

        @Override
        public String line() {
            return "CONN " + Base64.getEncoder().encodeToString(recipientKey);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Create c && Arrays.equals(recipientKey, c.recipientKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(recipientKey);
        }

        @Override
        public String toString() {
            return "Create[" + recipientKey.length + " key bytes]";
        }
    }

    /** {@code SUB}: subscribe this transport connection to the queue. */
    record Subscribe() implements Command {
        @Override
        public String line() {
            return "SUB";
        }
    }

    /**
     * {@code KEY <SK>}: secure the queue with the sender's key.
     *
     * @param senderKey the encoded public key {@code SK} from the sender's confirmation
     */
    record Secure(byte[] senderKey) implements Command {
        /** Keeps its own copies of the arrays it is given. */
        public Secure {
            senderKey = senderKey.clone();
        }

        /**
         * Returns a copy of the sender key: the record keeps its own.
         *
         * @return a copy of the key
         */
        @Override
        public byte[] senderKey() {
            return senderKey.clone();
        }

        @Override
        public String line() {
            return "KEY " + Base64.getEncoder().encodeToString(senderKey);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Secure s && Arrays.equals(senderKey, s.senderKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(senderKey);
        }

        @Override
        public String toString() {
            return "Secure[" + senderKey.length + " key bytes]";
        }
    }

    /**
     * {@code ACK}: acknowledge the message last delivered. {@code msgId} is non-null only for the
     * optional {@code ACK <msgId>} extension.
     *
     * @param msgId the ID of the acknowledged message, or {@code null} for the plain {@code ACK}
     */
    record Acknowledge(byte[] msgId) implements Command {
        /** Keeps its own copies of the arrays it is given. */
        public Acknowledge {
            msgId = msgId == null ? null : msgId.clone();
        }

        /** Plain seed-dialect {@code ACK}. */
        public Acknowledge() {
            this(null);
        }

        /**
         * Returns a copy of the message id: the record keeps its own.
         *
         * @return a copy of the ID, or {@code null}
         */
        @Override
        public byte[] msgId() {
            return msgId == null ? null : msgId.clone();
        }

        @Override
        public String line() {
            return msgId == null ? "ACK" : "ACK " + Base64.getEncoder().encodeToString(msgId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Acknowledge a && Arrays.equals(msgId, a.msgId);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(msgId);
        }

        @Override
        public String toString() {
            return line();
        }
    }

    /** {@code OFF}: suspend the queue (idempotent). */
    record Suspend() implements Command {
        @Override
        public String line() {
            return "OFF";
        }
    }

    /** {@code DEL}: delete the queue and its messages. */
    record Delete() implements Command {
        @Override
        public String line() {
            return "DEL";
        }
    }

    /**
     * {@code SEND}: put a message into the queue. {@code text} selects the {@code :text} form (only
     * possible for bodies without NUL, CR and LF); otherwise the sized binary form is used.
     *
     * @param body the message body
     * @param text {@code true} for the {@code :text} form
     */
    record Send(byte[] body, boolean text) implements Command {
        /** Checks the components and keeps its own copies of the arrays. */
        public Send {
            body = body.clone();
            if (text && !isText(body)) {
                throw new IllegalArgumentException("a :text body cannot contain NUL, CR or LF");
            }
        }

        /**
         * A binary {@code SEND}.
         *
         * @param body the message body
         * @return the command
         */
        public static Send binary(byte[] body) {
            return new Send(body, false);
        }

        /**
         * A {@code SEND :text}.
         *
         * @param text the message text, without NUL, CR or LF
         * @return the command, its body the UTF-8 encoding of {@code text}
         */
        public static Send text(String text) {
            return new Send(text.getBytes(StandardCharsets.UTF_8), true);
        }

        static boolean isText(byte[] body) {
            for (byte b : body) {
                if (b == 0 || b == '\r' || b == '\n') {
                    return false;
                }
            }
            return true;
        }

        /**
         * Returns a copy of the body: the record keeps its own.
         *
         * @return a copy of the body
         */
        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public String line() {
            return text ? "SEND :" + new String(body, StandardCharsets.ISO_8859_1) : "SEND " + body.length;
        }

        @Override
        public byte[] binaryBody() {
            return text ? null : body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Send s && text == s.text && Arrays.equals(body, s.body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return "Send[" + body.length + " bytes" + (text ? ", text" : "") + "]";
        }
    }
}
