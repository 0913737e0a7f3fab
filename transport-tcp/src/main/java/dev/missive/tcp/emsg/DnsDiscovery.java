package dev.missive.tcp.emsg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.missive.emsg.spi.Resolver;
import dev.missive.emsg.spi.ServerEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds the ESMP server of an EMSG domain in DNS (docs/emsg.md, discovery), on dnsjava:
 *
 * <ol>
 *   <li>a static override for the domain, if the host configured one;
 *   <li>SRV {@code _emsg-server._tcp.<domain>}: every target, lowest priority first and, within a
 *       priority, highest weight first (a target of {@code .} means the domain has no server);
 *   <li>TXT {@code _emsg.<domain>}: the first record that names a server, as a bare URL or
 *       {@code host[:port]}, a JSON object with {@code server} or {@code url}, or {@code k=v} pairs
 *       with {@code server} or {@code url} (the forms of the public Go daemon and SDK);
 *   <li>A/AAAA of the domain itself, port {@value #DEFAULT_PORT}.
 * </ol>
 *
 * <p>Host names are resolved to addresses through the same DNS servers, so a host that names its own
 * resolver ({@link #usingServer}) never falls back to the system's. A lookup that fails for lack of
 * an answer (the server timed out, refused) throws, so that the caller retries later rather than
 * taking the next, weaker record for an answer.
 *
 * <pre>{@code
 * DnsDiscovery dns = DnsDiscovery.usingSystemResolver().withOverride("b.example", new InetSocketAddress("127.0.0.1", 5999));
 * List<InetSocketAddress> servers = dns.discover("b.example");
 * }</pre>
 */
public final class DnsDiscovery implements Resolver {

    /** The ESMP port of the seed (section 3). */
    public static final int DEFAULT_PORT = 5888;

    private static final String SRV_PREFIX = "_emsg-server._tcp.";
    private static final String TXT_PREFIX = "_emsg.";
    private static final ObjectMapper JSON = new ObjectMapper();
    // URL schemes whose port is the ESMP port; an http(s) URL's port belongs to a web server.
    private static final List<String> ESMP_SCHEMES = List.of("esmp", "esmps", "emsg", "tcp", "tls");

    private final org.xbill.DNS.Resolver resolver;
    private final Map<String, List<InetSocketAddress>> overrides;

    private DnsDiscovery(org.xbill.DNS.Resolver resolver, Map<String, List<InetSocketAddress>> overrides) {
        this.resolver = resolver;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Discovery through the DNS servers of the system configuration ({@code /etc/resolv.conf}).
     *
     * @return a discovery using the system's resolvers
     */
    public static DnsDiscovery usingSystemResolver() {
        return new DnsDiscovery(new ExtendedResolver(), Map.of());
    }

    /**
     * Discovery through one DNS server (UDP, falling back to TCP for truncated answers).
     *
     * @param server the DNS server
     * @param timeout how long to wait for each answer
     * @return the discovery
     */
    public static DnsDiscovery usingServer(InetSocketAddress server, Duration timeout) {
        SimpleResolver simple = new SimpleResolver(Objects.requireNonNull(server, "server"));
        simple.setTimeout(Objects.requireNonNull(timeout, "timeout"));
        return new DnsDiscovery(simple, Map.of());
    }

    /**
     * A copy that answers {@code domain} with {@code server} without asking DNS.
     *
     * @param domain the EMSG domain (any case)
     * @param server where its ESMP server listens
     * @return the copy
     */
    public DnsDiscovery withOverride(String domain, InetSocketAddress server) {
        Map<String, List<InetSocketAddress>> copy = new LinkedHashMap<>(overrides);
        copy.put(normalise(domain), List.of(Objects.requireNonNull(server, "server")));
        return new DnsDiscovery(resolver, copy);
    }

    /**
     * The ESMP servers of {@code domain}, most preferred first; empty when DNS says the domain has none.
     *
     * @param domain the EMSG domain (the part after {@code #})
     * @return the servers, each with a resolved address that keeps its host name (for TLS)
     * @throws IOException if DNS could not be asked (timeout, server failure) or the domain is not a DNS name
     */
    public List<InetSocketAddress> discover(String domain) throws IOException {
        String key = normalise(domain);
        List<InetSocketAddress> fixed = overrides.get(key);
        if (fixed != null) {
            return fixed;
        }
        Optional<List<Record>> srv = lookup(SRV_PREFIX + key, Type.SRV);
        if (srv.isPresent()) {
            return fromSrv(srv.get());
        }
        Optional<List<Record>> txt = lookup(TXT_PREFIX + key, Type.TXT);
        if (txt.isPresent()) {
            for (Record record : txt.get()) {
                Optional<HostPort> named = parseTxt(txtValue((TXTRecord) record));
                if (named.isPresent()) {
                    return addresses(named.get().host(), named.get().port());
                }
            }
        }
        return addresses(key, DEFAULT_PORT);
    }

    /** The record's strings joined, as raw UTF-8: {@code getStrings()} escapes quotes, which breaks JSON. */
    private static String txtValue(TXTRecord record) {
        StringBuilder value = new StringBuilder();
        for (byte[] part : record.getStringsAsByteArrays()) {
            value.append(new String(part, StandardCharsets.UTF_8));
        }
        return value.toString();
    }

    /**
     * {@link #discover} as the engine's {@link Resolver}: each server by its IP address (the names
     * were resolved through this discovery's DNS servers, which the system resolver may not know).
     * TLS, when used, verifies the EMSG domain itself, not these addresses.
     *
     * @param domain a lower-case domain
     * @return the endpoints, most preferred first
     * @throws IOException if DNS could not be asked
     */
    @Override
    public List<ServerEndpoint> resolve(String domain) throws IOException {
        List<ServerEndpoint> endpoints = new ArrayList<>();
        for (InetSocketAddress server : discover(domain)) {
            String host = server.isUnresolved()
                    ? server.getHostString()
                    : server.getAddress().getHostAddress();
            endpoints.add(new ServerEndpoint(host, server.getPort()));
        }
        return endpoints;
    }

    private List<InetSocketAddress> fromSrv(List<Record> records) throws IOException {
        List<SRVRecord> targets = new ArrayList<>();
        for (Record record : records) {
            SRVRecord srv = (SRVRecord) record;
            // RFC 2782: a lone target of "." means the service is decidedly not available.
            if (srv.getTarget().equals(Name.root)) {
                return List.of();
            }
            targets.add(srv);
        }
        targets.sort(Comparator.comparingInt(SRVRecord::getPriority)
                .thenComparing(Comparator.comparingInt(SRVRecord::getWeight).reversed()));
        List<InetSocketAddress> result = new ArrayList<>();
        for (SRVRecord target : targets) {
            result.addAll(addresses(hostName(target.getTarget()), target.getPort()));
        }
        return result;
    }

    private List<InetSocketAddress> addresses(String host, int port) throws IOException {
        Optional<InetAddress> literal = ipLiteral(host);
        if (literal.isPresent()) {
            return List.of(new InetSocketAddress(literal.get(), port));
        }
        List<InetSocketAddress> result = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            for (Record record : lookup(host, type).orElse(List.of())) {
                InetAddress ip = record instanceof ARecord a ? a.getAddress() : ((AAAARecord) record).getAddress();
                // Keep the name with the address: TLS verifies the server against it.
                result.add(new InetSocketAddress(InetAddress.getByAddress(host, ip.getAddress()), port));
            }
        }
        return result;
    }

    /** The records of one name and type; empty when DNS says there are none. */
    private Optional<List<Record>> lookup(String name, int type) throws IOException {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name, Name.root), type);
        } catch (TextParseException e) {
            throw new IOException("not a DNS name: " + name, e);
        }
        lookup.setResolver(resolver);
        lookup.setSearchPath((Name[]) null);
        // No process-wide cache: answers must follow the zone (and tests change it).
        lookup.setCache(null);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> Optional.of(List.of(records));
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> Optional.empty();
            default ->
                throw new IOException(
                        "DNS lookup of " + Type.string(type) + " " + name + " failed: " + lookup.getErrorString());
        };
    }

    /**
     * The server named by one TXT {@code _emsg} value, if it names one.
     *
     * @param value the record's strings joined
     * @return the host and port (port {@value #DEFAULT_PORT} unless an ESMP URL or {@code host:port} gives one)
     */
    static Optional<HostPort> parseTxt(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(text);
                for (String field : List.of("server", "url")) {
                    JsonNode server = json.get(field);
                    if (server != null && server.isTextual()) {
                        return parseServer(server.asText());
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
        if (text.contains("=")) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String pair : text.split("[\\s;,]+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    pairs.putIfAbsent(pair.substring(0, eq).toLowerCase(Locale.ROOT), pair.substring(eq + 1));
                }
            }
            String server = pairs.getOrDefault("server", pairs.get("url"));
            return server == null ? Optional.empty() : parseServer(server);
        }
        return parseServer(text);
    }

    private static Optional<HostPort> parseServer(String server) {
        String text = server.strip();
        try {
            if (text.contains("://")) {
                URI uri = new URI(text);
                String host = uri.getHost();
                if (host == null || host.isEmpty()) {
                    return Optional.empty();
                }
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                int port = ESMP_SCHEMES.contains(scheme) && uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT;
                return Optional.of(new HostPort(unbracket(host), port));
            }
            URI uri = new URI("esmp://" + text);
            if (uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                return Optional.empty();
            }
            return Optional.of(
                    new HostPort(unbracket(uri.getHost()), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Optional<InetAddress> ipLiteral(String host) {
        // Only literals: InetAddress.getByName on a name would ask the system resolver.
        if (host.matches("[0-9.]+") || host.contains(":")) {
            try {
                return Optional.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String hostName(Name name) {
        return name.toString(true);
    }

    private static String normalise(String domain) {
        String d = Objects.requireNonNull(domain, "domain").strip().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    /** A server named in a TXT record, before its host is resolved. */
    record HostPort(String host, int port) {}
}
