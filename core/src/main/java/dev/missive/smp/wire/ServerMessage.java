package dev.missive.smp.wire;

import dev.missive.smp.model.QueueId;
import dev.missive.smp.model.SmpError;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** A message an SMP server sends to a client (never signed). */
public sealed interface ServerMessage {

    /**
     * The command line (without line break).
     *
     * @return the command line
     */
    String line();

    /**
     * The sized binary body that follows the command line, or null.
     *
     * @return a copy of the body, or {@code null} when the message has none
     */
    default byte[] binaryBody() {
        return null;
    }

    /**
     * {@code IDS <RID> <SID>}: the reply to {@code CONN}.
     *
     * @param recipientId the new queue's recipient ID
     * @param senderId the new queue's sender ID
     */
    record Ids(QueueId recipientId, QueueId senderId) implements ServerMessage {
        /** Checks the components. */
        public Ids {
            Objects.requireNonNull(recipientId, "recipientId");
            Objects.requireNonNull(senderId, "senderId");
        }

        @Override
        public String line() {
            return "IDS " + recipientId.base64() + " " + senderId.base64();
        }
    }

    /**
     * {@code MSG <msgId> <timestamp> <size>} followed by the body: a delivered message.
     *
     * @param timestamp when the server received the message (millisecond precision on the wire)
     * @param msgId the message's ID, used to acknowledge it
     * @param body the message body, still encrypted end to end
     */
    record Msg(byte[] msgId, Instant timestamp, byte[] body) implements ServerMessage {
        /** Checks the components and keeps its own copies of the arrays. */
        public Msg {
            msgId = msgId.clone();
            Objects.requireNonNull(timestamp, "timestamp");
            body = body.clone();
        }

        /**
         * Returns a copy of the message id: the record keeps its own.
         *
         * @return a copy of the ID
         */
        @Override
        public byte[] msgId() {
            return msgId.clone();
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
            return "MSG " + Base64.getEncoder().encodeToString(msgId) + " " + Timestamps.format(timestamp) + " "
                    + body.length;
        }

        @Override
        public byte[] binaryBody() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Msg m
                    && Arrays.equals(msgId, m.msgId)
                    && timestamp.equals(m.timestamp)
                    && Arrays.equals(body, m.body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(msgId), timestamp, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return "Msg[" + Base64.getEncoder().encodeToString(msgId) + ", " + Timestamps.format(timestamp) + ", "
                    + body.length + " bytes]";
        }
    }

    /** {@code END}: another transport connection subscribed to the queue. */
    record End() implements ServerMessage {
        @Override
        public String line() {
            return "END";
        }
    }

    /** {@code OK}: generic success. */
    record Ok() implements ServerMessage {
        @Override
        public String line() {
            return "OK";
        }
    }

    /**
     * {@code ERR <type>}.
     *
     * @param error the error
     */
    record Err(SmpError error) implements ServerMessage {
        /** Checks the components. */
        public Err {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String line() {
            return error.wireText();
        }
    }
}
