package dev.missive.bench.osms;

import dev.missive.crypto.otr.OtrEngineException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OSMS costs through one in-process server on memory stores (no HTTP), next to otr4j's own AKE.
 *
 * <ul>
 *   <li>{@code rawAke}: two otr4j conversations (through the thin {@code Otr4jEngine} adapter) run the
 *       four-message AKE and end the session: the cryptographic floor of a login.</li>
 *   <li>{@code login}: a whole OSMS login and logout: {@code GET /pk}, three
 *       {@code POST /create_session/{u}} (server and client OTR, key comparison, session store),
 *       then TLV 1 to {@code POST /terminate_session}.</li>
 *   <li>{@code relay}: one text from Alice to Bob through the server: Alice encrypts it in the
 *       user-to-user conversation and sends it in a {@code send} operation (itself an OTR data
 *       message on her login session), Bob polls (an OTR data message each way) and decrypts it.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OsmsBenchmarks {

    private OsmsWorld world;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        world = new OsmsWorld(Optional.empty());
    }

    @Benchmark
    public int rawAke() throws OtrEngineException {
        return OsmsWorld.rawAke(world.otr, world.aliceKey, world.serverKey);
    }

    @Benchmark
    public boolean login() throws Exception {
        return world.login();
    }

    @Benchmark
    public int relay() throws Exception {
        return world.relay();
    }
}
