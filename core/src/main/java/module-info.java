/** The protocols as pure code (no I/O), their SPIs and in-memory SPI implementations. */
module dev.missive.core {
    requires transitive dev.missive.crypto;
    requires com.fasterxml.jackson.databind;

    exports dev.missive;
    exports dev.missive.spi;
    exports dev.missive.memory;
    exports dev.missive.openmsg;
    exports dev.missive.openmsg.wire;
    exports dev.missive.openmsg.spi;
    exports dev.missive.openmsg.memory;
}
