package dev.missive.crypto.otr;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.java.otr4j.OtrEngineHost;
import net.java.otr4j.OtrException;
import net.java.otr4j.OtrPolicy;
import net.java.otr4j.OtrPolicyImpl;
import net.java.otr4j.crypto.OtrCryptoEngineImpl;
import net.java.otr4j.crypto.OtrCryptoException;
import net.java.otr4j.session.FragmenterInstructions;
import net.java.otr4j.session.InstanceTag;
import net.java.otr4j.session.SessionID;
import net.java.otr4j.session.SessionImpl;
import net.java.otr4j.session.SessionStatus;

/**
 * {@link OtrEngine} on {@code org.jitsi:org.otr4j} 0.23. Each conversation is one otr4j
 * {@code SessionImpl} with its own host object, which collects what otr4j "injects" (the messages
 * to send) and what it reports (errors, SMP outcomes) for the call in progress. Policy: v2 and v3
 * allowed (v3 preferred by otr4j when both sides offer it), encryption required, no whitespace
 * tags, no AKE started by error messages, no fragmentation.
 *
 * <p>Known limits of otr4j 0.23 that this adapter cannot fix: it draws its own randomness (the
 * D-H commit key r from {@code java.util.Random}, DH keys and DSA signatures from the JCA default
 * {@code SecureRandom}); its conversation state cannot be exported, so a conversation lives as long
 * as the process.
 */
public final class Otr4jEngine implements OtrEngine {

    /** The policy every conversation uses. */
    static final int POLICY = OtrPolicy.ALLOW_V2 | OtrPolicy.ALLOW_V3 | OtrPolicy.REQUIRE_ENCRYPTION;

    private static final String PROTOCOL = "osms";

    /** Creates the engine. */
    public Otr4jEngine() {}

    @Override
    public OtrConversation open(String localAccount, String remoteAccount, OtrKeyPair localKey) {
        Objects.requireNonNull(localAccount, "localAccount");
        Objects.requireNonNull(remoteAccount, "remoteAccount");
        Objects.requireNonNull(localKey, "localKey");
        return new Conversation(new SessionID(localAccount, remoteAccount, PROTOCOL), localKey);
    }

    private static final class Conversation implements OtrConversation {
        private final Host host;
        private final SessionImpl session;
        private final DataCounters counters = new DataCounters();

        Conversation(SessionID id, OtrKeyPair key) {
            this.host = new Host(new KeyPair(key.publicKey(), key.revealPrivateKey()));
            this.session = new SessionImpl(id, host);
        }

        @Override
        public String start() throws OtrEngineException {
            host.reset();
            try {
                session.startSession();
            } catch (OtrException | RuntimeException e) {
                throw new OtrEngineException("could not start the OTR session", e);
            }
            if (host.injected.isEmpty()) {
                throw new OtrEngineException("otr4j produced no query message");
            }
            return host.injected.get(0);
        }

        @Override
        public OtrReceived receive(String message) throws OtrEngineException {
            Objects.requireNonNull(message, "message");
            host.reset();
            Optional<DataCounter> counter = DataCounter.of(message);
            if (counter.isPresent() && !counters.isFresh(counter.get())) {
                // otr4j 0.23 does not check that a data message's counter increases: we do (OTR v3
                // "Receiving a Data Message": the counter must exceed the last one for the key pair).
                host.errors.add("replayed data message");
                return new OtrReceived(Optional.empty(), List.of(), host.errors, Optional.empty(), Optional.empty());
            }
            String plaintext = null;
            try {
                plaintext = session.transformReceiving(message);
            } catch (OtrException | RuntimeException e) {
                // Malformed input from the peer: otr4j throws on bad encodings and, in places, with
                // unchecked exceptions from its parsers. Either way it is the peer's fault.
                host.errors.add("unreadable OTR message");
            }
            if (counter.isPresent() && host.errors.isEmpty()) {
                counters.accept(counter.get());
            }
            if (counter.isEmpty() || !host.errors.isEmpty()) {
                // Text counts only when it arrived encrypted: otr4j hands back unencrypted text too.
                plaintext = null;
            }
            return new OtrReceived(
                    Optional.ofNullable(plaintext).filter(p -> !p.isEmpty()),
                    host.injected,
                    host.errors,
                    Optional.ofNullable(host.smp),
                    Optional.ofNullable(host.smpQuestion));
        }

        @Override
        public List<String> send(String plaintext) throws OtrEngineException {
            Objects.requireNonNull(plaintext, "plaintext");
            if (plaintext.indexOf('\0') >= 0) {
                throw new OtrEngineException("plaintext must not contain NUL");
            }
            if (status() != OtrStatus.ENCRYPTED) {
                throw new OtrEngineException("the conversation is not encrypted");
            }
            host.reset();
            try {
                return List.of(session.transformSending(plaintext));
            } catch (OtrException | RuntimeException e) {
                throw new OtrEngineException("could not encrypt", e);
            }
        }

        @Override
        public List<String> end() throws OtrEngineException {
            host.reset();
            try {
                session.endSession();
            } catch (OtrException | RuntimeException e) {
                throw new OtrEngineException("could not end the OTR session", e);
            }
            return List.copyOf(host.injected);
        }

        @Override
        public OtrStatus status() {
            SessionStatus status = session.getSessionStatus();
            return switch (status) {
                case ENCRYPTED -> OtrStatus.ENCRYPTED;
                case FINISHED -> OtrStatus.FINISHED;
                default -> OtrStatus.PLAINTEXT;
            };
        }

        @Override
        public int version() {
            Object outgoing = session.getOutgoingInstance();
            int version = outgoing instanceof SessionImpl s ? s.getProtocolVersion() : session.getProtocolVersion();
            return status() == OtrStatus.PLAINTEXT ? 0 : version;
        }

        @Override
        public Optional<DSAPublicKey> remoteKey() {
            PublicKey key = session.getRemotePublicKey();
            return key instanceof DSAPublicKey dsa ? Optional.of(dsa) : Optional.empty();
        }

        @Override
        public List<String> startSmp(String question, String secret) throws OtrEngineException {
            if (status() != OtrStatus.ENCRYPTED) {
                throw new OtrEngineException("the conversation is not encrypted");
            }
            host.reset();
            try {
                session.initSmp(question == null || question.isEmpty() ? null : question, secret);
            } catch (OtrException | RuntimeException e) {
                throw new OtrEngineException("could not start SMP", e);
            }
            return List.copyOf(host.injected);
        }

        @Override
        public List<String> answerSmp(String secret) throws OtrEngineException {
            if (status() != OtrStatus.ENCRYPTED) {
                throw new OtrEngineException("the conversation is not encrypted");
            }
            host.reset();
            try {
                session.respondSmp(null, secret);
            } catch (OtrException | RuntimeException e) {
                throw new OtrEngineException("could not answer SMP", e);
            }
            return List.copyOf(host.injected);
        }
    }

    /**
     * The replay-relevant header of a data message: sender key id, recipient key id, counter.
     *
     * @param senderKeyId    the sender's DH key id
     * @param recipientKeyId our DH key id it was encrypted to
     * @param counter        the top half of the AES-CTR counter
     */
    record DataCounter(long senderKeyId, long recipientKeyId, long counter) {

        /** Parses the header of an encoded v2/v3 data message; empty for anything else. */
        static Optional<DataCounter> of(String message) {
            if (!message.startsWith("?OTR:") || !message.endsWith(".")) {
                return Optional.empty();
            }
            byte[] b;
            try {
                b = Base64.getDecoder().decode(message.substring(5, message.length() - 1));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (b.length < 3 || b[0] != 0 || (b[1] != 2 && b[1] != 3) || b[2] != 3) {
                return Optional.empty();
            }
            ByteBuffer in = ByteBuffer.wrap(b);
            try {
                in.position(b[1] == 3 ? 11 : 3);
                in.get(); // flags
                long sender = in.getInt() & 0xffffffffL;
                long recipient = in.getInt() & 0xffffffffL;
                int mpi = in.getInt();
                if (mpi < 0 || mpi > in.remaining()) {
                    return Optional.empty();
                }
                in.position(in.position() + mpi);
                return Optional.of(new DataCounter(sender, recipient, in.getLong()));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** The highest counter accepted per key pair of one conversation. */
    private static final class DataCounters {
        private final Map<String, Long> highest = new HashMap<>();

        boolean isFresh(DataCounter c) {
            Long last = highest.get(c.senderKeyId() + "/" + c.recipientKeyId());
            return last == null || Long.compareUnsigned(c.counter(), last) > 0;
        }

        void accept(DataCounter c) {
            highest.put(c.senderKeyId() + "/" + c.recipientKeyId(), c.counter());
        }
    }

    /** The otr4j host of one conversation: collects injected messages and reports per call. */
    private static final class Host implements OtrEngineHost {
        private final KeyPair keyPair;
        private final OtrPolicy policy = new OtrPolicyImpl(POLICY);
        private List<String> injected = new ArrayList<>();
        private List<String> errors = new ArrayList<>();
        private OtrReceived.SmpOutcome smp;
        private String smpQuestion;

        Host(KeyPair keyPair) {
            this.keyPair = keyPair;
        }

        void reset() {
            injected = new ArrayList<>();
            errors = new ArrayList<>();
            smp = null;
            smpQuestion = null;
        }

        @Override
        public void injectMessage(SessionID sessionID, String msg) {
            injected.add(msg);
        }

        @Override
        public void unreadableMessageReceived(SessionID sessionID) {
            errors.add("unreadable encrypted message");
        }

        @Override
        public void unencryptedMessageReceived(SessionID sessionID, String msg) {
            errors.add("unencrypted message refused");
        }

        @Override
        public void showError(SessionID sessionID, String error) {
            errors.add("OTR error from the peer or the library");
        }

        @Override
        public void smpError(SessionID sessionID, int tlvType, boolean cheated) {
            smp = OtrReceived.SmpOutcome.ABORTED;
        }

        @Override
        public void smpAborted(SessionID sessionID) {
            smp = OtrReceived.SmpOutcome.ABORTED;
        }

        @Override
        public void finishedSessionMessage(SessionID sessionID, String msgText) {
            errors.add("the peer ended the session");
        }

        @Override
        public void requireEncryptedMessage(SessionID sessionID, String msgText) {
            errors.add("encryption required");
        }

        @Override
        public OtrPolicy getSessionPolicy(SessionID sessionID) {
            return policy;
        }

        @Override
        public FragmenterInstructions getFragmenterInstructions(SessionID sessionID) {
            return new FragmenterInstructions(FragmenterInstructions.UNLIMITED, FragmenterInstructions.UNLIMITED);
        }

        @Override
        public KeyPair getLocalKeyPair(SessionID sessionID) {
            return keyPair;
        }

        @Override
        public byte[] getLocalFingerprintRaw(SessionID sessionID) {
            // SMP hashes both fingerprints into the secret (OTR v3 §"The SMP state machine").
            try {
                return new OtrCryptoEngineImpl().getFingerprintRaw(keyPair.getPublic());
            } catch (OtrCryptoException e) {
                throw new IllegalStateException("cannot fingerprint our own key", e);
            }
        }

        @Override
        public void askForSecret(SessionID sessionID, InstanceTag receiverTag, String question) {
            smpQuestion = question == null ? "" : question;
        }

        @Override
        public void verify(SessionID sessionID, String fingerprint, boolean approved) {
            smp = OtrReceived.SmpOutcome.VERIFIED;
        }

        @Override
        public void unverify(SessionID sessionID, String fingerprint) {
            smp = OtrReceived.SmpOutcome.FAILED;
        }

        @Override
        public String getReplyForUnreadableMessage(SessionID sessionID) {
            return "unreadable message";
        }

        @Override
        public String getFallbackMessage(SessionID sessionID) {
            return "OSMS login: this endpoint speaks OTR v2/v3 only.";
        }

        @Override
        public void messageFromAnotherInstanceReceived(SessionID sessionID) {
            errors.add("message for another OTR instance");
        }

        @Override
        public void multipleInstancesDetected(SessionID sessionID) {}
    }

    @Override
    public String toString() {
        return "Otr4jEngine[org.jitsi:org.otr4j 0.23, policy " + Arrays.toString(new int[] {POLICY}) + "]";
    }
}
