/** A Missive consumer as a named module: it reads only what dev.missive.core exports to everyone. */
module dev.missive.consumer.openmsg {
    requires dev.missive.core;
}
