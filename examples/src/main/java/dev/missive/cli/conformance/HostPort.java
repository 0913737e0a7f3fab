package dev.missive.cli.conformance;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A {@code HOST:PORT} option value ({@code [v6]:PORT} for IPv6 literals). */
record HostPort(String host, int port) {

    /** Parses {@code value}; a malformed one is a usage error naming {@code option}. */
    static HostPort parse(CommandSpec spec, String option, String value) {
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        try {
            port = colon > 0 ? Integer.parseInt(value.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), option + " '" + value + "' is not HOST:PORT");
        }
        return new HostPort(host, port);
    }
}
