/** The protocols as pure code (no I/O), their SPIs and in-memory SPI implementations. */
module dev.missive.core {
    requires transitive dev.missive.crypto;

    exports dev.missive;
    exports dev.missive.spi;
    exports dev.missive.memory;
    exports dev.missive.smp;
    exports dev.missive.smp.wire;
    exports dev.missive.smp.spi;
    exports dev.missive.smp.memory;
    exports dev.missive.smp.client;
    exports dev.missive.smp.secure;
}
