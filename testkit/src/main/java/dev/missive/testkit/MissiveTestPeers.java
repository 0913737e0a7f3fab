package dev.missive.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests running {@link SmpTestServer}s and {@link OpenmsgTestPeer}s as
 * parameters and closes them afterwards: after the test method for method parameters, after the
 * class for {@code @BeforeAll} parameters.
 *
 * <pre>{@code
 * @ExtendWith(MissiveTestPeers.class)
 * class MyTest {
 *     @Test
 *     void talksToSmp(SmpTestServer server, OpenmsgTestPeer peer) { ... }
 * }
 * }</pre>
 *
 * <p>The servers have the builders' defaults; an {@link OpenmsgTestPeer} serves domain
 * {@link #PEER_DOMAIN} with one user, {@link #PEER_USER_ID} named {@code Test Peer}. For other
 * settings, build one in the test with {@code SmpTestServer.builder()} or
 * {@code OpenmsgTestPeer.builder()} (both are {@link AutoCloseable}).
 */
public final class MissiveTestPeers implements ParameterResolver, AfterEachCallback, AfterAllCallback {

    /** The domain of an injected {@link OpenmsgTestPeer}. */
    public static final String PEER_DOMAIN = "peer.test";

    /** The one user of an injected {@link OpenmsgTestPeer}. */
    public static final String PEER_USER_ID = "1000000";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MissiveTestPeers.class);

    /** JUnit instantiates the extension. */
    public MissiveTestPeers() {}

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SmpTestServer.class || type == OpenmsgTestPeer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        try {
            AutoCloseable started = type == SmpTestServer.class
                    ? SmpTestServer.builder().start()
                    : OpenmsgTestPeer.builder()
                            .domain(PEER_DOMAIN)
                            .user(PEER_USER_ID, "Test Peer")
                            .start();
            opened(context).add(started);
            return started;
        } catch (java.io.IOException e) {
            throw new ParameterResolutionException("could not start a " + type.getSimpleName(), e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        closeAll(context);
    }

    @SuppressWarnings("unchecked")
    private static List<AutoCloseable> opened(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent("opened", key -> new ArrayList<AutoCloseable>(), List.class);
    }

    private static void closeAll(ExtensionContext context) throws Exception {
        List<AutoCloseable> opened = opened(context);
        Exception first = null;
        for (AutoCloseable closeable : opened) {
            try {
                closeable.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        opened.clear();
        if (first != null) {
            throw first;
        }
    }
}
