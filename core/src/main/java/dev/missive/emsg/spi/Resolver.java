package dev.missive.emsg.spi;

import java.io.IOException;
import java.util.List;

/**
 * Discovery of a domain's EMSG server ({@code docs/emsg.md}, "Discovery"): SRV
 * {@code _emsg-server._tcp}, then TXT {@code _emsg}, then A/AAAA on port 5888, with static overrides
 * per domain. The default implementation on dnsjava lives in {@code missive-transport-tcp}.
 */
public interface Resolver {

    /**
     * The endpoints to try for a domain, in order of preference.
     *
     * @param domain a lower-case domain
     * @return the endpoints; empty if the domain publishes no EMSG server
     * @throws IOException if DNS could not be asked (timeout, server failure): worth retrying later
     */
    List<ServerEndpoint> resolve(String domain) throws IOException;
}
