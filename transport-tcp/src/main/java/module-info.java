/**
 * Blocking TCP on virtual threads: a protocol-neutral server ({@code dev.missive.tcp.TcpServer}) and
 * framed connections, and the SMP adapters in plain and Appendix A encrypted modes.
 */
module dev.missive.transport.tcp {
    requires transitive dev.missive.core;
    requires dev.missive.crypto;
    requires org.slf4j;
    requires org.dnsjava;
    requires com.fasterxml.jackson.databind;

    exports dev.missive.tcp;
    exports dev.missive.tcp.smp;
    exports dev.missive.tcp.emsg;
}
