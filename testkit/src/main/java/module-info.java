/**
 * Test peers for host applications ({@code SmpTestServer}, {@code OpenmsgTestPeer} and a JUnit 5
 * extension that starts and stops them) and the conformance suites behind {@code missive conformance}:
 * a small runner API ({@code dev.missive.testkit.conformance}) and one suite class per protocol.
 */
module dev.missive.testkit {
    requires transitive dev.missive.core;
    requires transitive dev.missive.transport.tcp;
    requires transitive dev.missive.transport.http;
    // Optional: only MissiveTestPeers (the JUnit 5 extension) needs it, and its users have JUnit.
    requires static transitive org.junit.jupiter.api;
    requires dev.missive.crypto;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires java.xml;

    exports dev.missive.testkit;
    exports dev.missive.testkit.conformance;
    exports dev.missive.testkit.conformance.smp;
    exports dev.missive.testkit.conformance.openmsg;
    exports dev.missive.testkit.conformance.osms;
    exports dev.missive.testkit.conformance.emsg;
    exports dev.missive.testkit.conformance.mesh;
}
