package dev.missive.smp.wire;

import dev.missive.smp.model.QueueId;
import java.util.Objects;

/**
 * A well-formed client transmission as the server reads it.
 *
 * @param signature   the decoded signature, empty when the signature line was empty
 * @param queueId     the connId (RID or SID), null when the connId line was empty
 * @param command     the command
 * @param signedBytes the exact bytes the signature covers (see {@link Frame#signedBytes()})
 */
public record Transmission(byte[] signature, QueueId queueId, Command command, byte[] signedBytes) {

    /** Checks the components. */
    public Transmission {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(signedBytes, "signedBytes");
    }

    /**
     * Whether the signature line was non-empty.
     *
     * @return {@code true} if the transmission carried a signature
     */
    public boolean signed() {
        return signature.length > 0;
    }
}
