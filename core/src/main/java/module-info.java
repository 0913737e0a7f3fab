/** The protocols as pure code (no I/O), their SPIs and in-memory SPI implementations. */
module dev.missive.core {
    requires transitive dev.missive.crypto;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires com.networknt.schema;
    requires java.json.canonicalization;

    exports dev.missive;
    exports dev.missive.spi;
    exports dev.missive.event;
    exports dev.missive.memory;
    exports dev.missive.openmsg;
    exports dev.missive.openmsg.model;
    exports dev.missive.openmsg.spi;
    exports dev.missive.openmsg.memory;
    exports dev.missive.smp;
    exports dev.missive.smp.model;
    exports dev.missive.smp.spi;
    exports dev.missive.smp.memory;
    exports dev.missive.smp.client;
    exports dev.missive.osms;
    exports dev.missive.osms.model;
    exports dev.missive.osms.spi;
    exports dev.missive.osms.memory;
    exports dev.missive.osms.client;
    exports dev.missive.emsg;
    exports dev.missive.emsg.model;
    exports dev.missive.emsg.spi;
    exports dev.missive.emsg.memory;
    exports dev.missive.emsg.client;
    exports dev.missive.mesh;
    exports dev.missive.mesh.model;
    exports dev.missive.mesh.spi;
    exports dev.missive.mesh.memory;
    exports dev.missive.mesh.client;
    // The codecs and Appendix A are not API: only the TCP transport builds on them (its client
    // connection hands ClientSession the wire vocabulary; its server runs the handshake).
    exports dev.missive.smp.wire to
            dev.missive.transport.tcp;
    exports dev.missive.smp.secure to
            dev.missive.transport.tcp;
    // The OSMS codecs (Gob, JSON documents, content negotiation) for the HTTP transport, and for
    // the conformance suite, which reads the target's documents and classifies its OTR messages.
    exports dev.missive.osms.wire to
            dev.missive.transport.http,
            dev.missive.testkit;
    exports dev.missive.emsg.wire to
            dev.missive.transport.tcp,
            dev.missive.testkit;
    // Mesh codecs: the HTTP transport and the JDBC stores (tombstone proofs) build on them.
    exports dev.missive.mesh.wire to
            dev.missive.transport.http,
            dev.missive.storage.jdbc,
            dev.missive.testkit;
}
