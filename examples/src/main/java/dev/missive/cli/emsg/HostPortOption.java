package dev.missive.cli.emsg;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code HOST:PORT} ({@code [v6]:PORT} for IPv6) into an unresolved address. */
final class HostPortOption implements ITypeConverter<InetSocketAddress> {

    @Override
    public InetSocketAddress convert(String value) {
        return parse(value);
    }

    /**
     * Parses {@code HOST:PORT}.
     *
     * @param value the text
     * @return the address, not resolved
     * @throws TypeConversionException naming the value if it is not {@code HOST:PORT}
     */
    static InetSocketAddress parse(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isEmpty() || port < 1 || port > 65_535) {
            throw new TypeConversionException("'" + value + "' is not HOST:PORT (port 1 to 65535)");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
