package dev.missive.crash;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What {@link CrashHarness} needs from one protocol: how to start its node, traffic that records what
 * the node acknowledged, and the checks of what survived. A new protocol (or the mesh) plugs in with
 * one implementation; the harness does the processes, the kills and the store checks.
 *
 * <p>Call order: {@link #nodeArguments} → start → {@link #prepare} → for each kill: {@link #startTraffic},
 * the kill, {@link #stopTraffic}, {@link #checkStore} with the node down, restart → {@link #verify} →
 * {@link #close}.
 */
interface CrashWorkload extends AutoCloseable {

    /** Short name for messages ("smp", "openmsg"). */
    String name();

    /** The {@code missive} arguments that run the node on {@code store} on a free port ({@code --port 0}). */
    List<String> nodeArguments(String store);

    /** Once, after the first start: what the traffic needs (queues, users, a handshake). */
    void prepare(InetSocketAddress node, String store) throws Exception;

    /** Starts traffic against {@code node} in the background and returns; it runs until {@link #stopTraffic}. */
    void startTraffic(InetSocketAddress node) throws Exception;

    /** How many operations the node has acknowledged so far (never decreases); the harness kills between them. */
    int acknowledged();

    /**
     * After the node was killed: ends the traffic and waits until every operation in flight has settled
     * (an operation without an answer is in doubt: it may or may not have been stored).
     */
    void stopTraffic() throws Exception;

    /** With the node down: the store, opened by another process, holds everything acknowledged so far. */
    void checkStore(String store) throws Exception;

    /** After the last restart: nothing acknowledged is lost and nothing is delivered more often than allowed. */
    void verify(InetSocketAddress node, String store) throws Exception;
}
