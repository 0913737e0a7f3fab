package dev.missive.mesh;

import dev.missive.event.FailureKind;
import dev.missive.event.ProtocolEvent;
import dev.missive.mesh.model.MeshError;
import dev.missive.mesh.model.PacketHash;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The steps a {@link MeshServer} or {@link dev.missive.mesh.client.MeshClient} reports to its
 * {@link dev.missive.event.EventListener}. Events carry hashes, origins, codes and counts, never keys
 * of users, message content or signatures, so they may be logged as they are.
 */
public sealed interface MeshEvent extends ProtocolEvent {

    @Override
    default String protocol() {
        return "mesh";
    }

    /** Why a peer's score changed. */
    enum ScoreReason {
        /** A packet it served (sync answer or fetch) failed validation. */
        INVALID_PACKET,
        /** It accepted a packet from this server and did not offer it in sync within the bound. */
        NOT_AVAILABLE,
        /** Its answer was not the protocol's JSON. */
        BAD_REPLY,
        /** A sync round with it completed cleanly. */
        GOOD_ROUND
    }

    /** Why a client dropped a packet it fetched. */
    enum DropReason {
        /** The {@code hash} is not the hash of the three fields. */
        HASH_MISMATCH,
        /** An envelope is not the documented layout, or the JSON inside is malformed. */
        MALFORMED,
        /** An envelope does not open with this client's key (sealed to someone else, or tampered). */
        NOT_FOR_THIS_KEY,
        /**
         * The signature does not verify with the sender's key over the input bound to this recipient:
         * forged, or a message signed for another recipient and re-addressed.
         */
        BAD_SIGNATURE
    }

    /**
     * A server stored a packet.
     *
     * @param at when it happened, by the engine clock
     * @param hash the packet hash
     * @param peer the peer it came from through sync, or empty for {@code /send}
     */
    record PacketAccepted(Instant at, PacketHash hash, Optional<String> peer) implements MeshEvent {
        /** Checks the components. */
        public PacketAccepted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * A server refused a request (or one packet of a sync answer); nothing was stored.
     *
     * @param at when it happened, by the engine clock
     * @param endpoint the endpoint that was called (or the peer endpoint whose answer was refused)
     * @param error    why
     * @param peer     the peer involved, if any
     */
    record RequestRefused(Instant at, MeshEndpoint endpoint, MeshError error, Optional<String> peer)
            implements MeshEvent {
        /** Checks the components. */
        public RequestRefused {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * A server answered a fetch.
     *
     * @param at when it happened, by the engine clock
     * @param endpoint which fetch endpoint
     * @param count    how many packets it returned
     */
    record Fetched(Instant at, MeshEndpoint endpoint, int count) implements MeshEvent {
        /** Checks the components. */
        public Fetched {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /**
     * A server removed packets and left tombstones.
     *
     * @param at when it happened, by the engine clock
     * @param count how many packets it removed
     * @param peer  the peer whose forwarded proof caused it, or empty for a recipient's own discard
     */
    record Discarded(Instant at, int count, Optional<String> peer) implements MeshEvent {
        /** Checks the components. */
        public Discarded {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * A sync round with a peer finished (the last page was answered).
     *
     * @param at when it happened, by the engine clock
     * @param peer      the peer
     * @param requested packets asked of it in this round (stored once their fetch answers arrive)
     * @param pushed    packets handed to it in this round
     */
    record SyncCompleted(Instant at, String peer, int requested, int pushed) implements MeshEvent {
        /** Checks the components. */
        public SyncCompleted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * A server added a peer.
     *
     * @param at when it happened, by the engine clock
     * @param peer        the new peer's origin
     * @param learnedFrom the peer whose list named it, or empty when configured or when it called first
     */
    record PeerAdded(Instant at, String peer, Optional<String> learnedFrom) implements MeshEvent {
        /** Checks the components. */
        public PeerAdded {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(learnedFrom, "learnedFrom");
        }
    }

    /**
     * A peer's score changed.
     *
     * @param at when it happened, by the engine clock
     * @param peer   the peer
     * @param reason why
     * @param score  its new score
     */
    record PeerScored(Instant at, String peer, ScoreReason reason, int score) implements MeshEvent {
        /** Checks the components. */
        public PeerScored {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean isFailure() {
            return reason != ScoreReason.GOOD_ROUND;
        }
    }

    /**
     * A peer's score reached the drop threshold: it is no longer synced with.
     *
     * @param at when it happened, by the engine clock
     * @param peer  the peer
     * @param score its final score
     */
    record PeerDropped(Instant at, String peer, int score) implements MeshEvent {
        /** Checks the components. */
        public PeerDropped {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(peer, "peer");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * A call to a peer got no usable answer.
     *
     * @param at when it happened, by the engine clock
     * @param peer     the peer
     * @param endpoint the peer's endpoint
     * @param reason   what went wrong, as far as the transport can tell
     */
    record PeerCallFailed(Instant at, String peer, MeshEndpoint endpoint, FailureKind reason) implements MeshEvent {
        /** Checks the components. */
        public PeerCallFailed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * Serving a request failed unexpectedly; the caller got HTTP 500.
     *
     * @param at when it happened, by the engine clock
     * @param endpoint      the endpoint
     * @param exceptionType the exception's class name (never its message)
     */
    record InternalError(Instant at, MeshEndpoint endpoint, String exceptionType) implements MeshEvent {
        /** Checks the components. */
        public InternalError {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(exceptionType, "exceptionType");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * {@link MeshServer#cleanUp} removed expired state.
     *
     * @param at when it happened, by the engine clock
     * @param removed how many records it removed (packets, tombstones, nonces)
     */
    record CleanedUp(Instant at, int removed) implements MeshEvent {
        /** Checks the components. */
        public CleanedUp {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A client opened and verified a packet addressed to it.
     *
     * @param at when it happened, by the engine clock
     * @param hash the packet hash
     */
    record PacketOpened(Instant at, PacketHash hash) implements MeshEvent {
        /** Checks the components. */
        public PacketOpened {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(hash, "hash");
        }
    }

    /**
     * A client dropped a fetched packet that did not open or verify: a security event, since a
     * server or a sender tried to pass off something it should not.
     *
     * @param at when it happened, by the engine clock
     * @param hash   the packet hash as received
     * @param reason why
     */
    record SecurityDrop(Instant at, PacketHash hash, DropReason reason) implements MeshEvent {
        /** Checks the components. */
        public SecurityDrop {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean isFailure() {
            return true;
        }
    }

    /**
     * A client ignored a message it had already received (same sender and id).
     *
     * @param at when it happened, by the engine clock
     * @param hash the packet hash
     */
    record DuplicateIgnored(Instant at, PacketHash hash) implements MeshEvent {
        /** Checks the components. */
        public DuplicateIgnored {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(hash, "hash");
        }
    }
}
