package dev.missive.cli.emsg;

import dev.missive.emsg.model.EmsgAddress;
import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --peer DOMAIN=HOST:PORT}: a static override of discovery for one domain. */
final class PeerOption implements ITypeConverter<PeerOption.Peer> {

    /**
     * One peer.
     *
     * @param domain the peer domain, lower case
     * @param address where its server listens (not resolved)
     */
    record Peer(String domain, InetSocketAddress address) {}

    @Override
    public Peer convert(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new TypeConversionException("'" + value + "' is not DOMAIN=HOST:PORT");
        }
        String domain;
        try {
            domain = EmsgAddress.checkDomain(value.substring(0, eq));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
        return new Peer(domain, HostPortOption.parse(value.substring(eq + 1)));
    }
}
