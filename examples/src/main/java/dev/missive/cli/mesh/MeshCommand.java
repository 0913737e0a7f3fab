package dev.missive.cli.mesh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.cli.CommandFailure;
import dev.missive.crypto.RsaPrivateKey;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.http.ProxyChoice;
import dev.missive.http.mesh.OkHttpMeshClient;
import dev.missive.memory.InMemoryReplayGuardStore;
import dev.missive.mesh.MeshEvent;
import dev.missive.mesh.MeshException;
import dev.missive.mesh.client.MeshClient;
import dev.missive.mesh.client.MeshClientConfig;
import dev.missive.mesh.client.MeshKeys;
import dev.missive.mesh.client.ReceivedMessage;
import dev.missive.mesh.client.SealedMessage;
import dev.missive.mesh.model.MeshProfile;
import dev.missive.mesh.model.MessageType;
import dev.missive.mesh.wire.MeshJson;
import dev.missive.mesh.wire.PeerView;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.spi.ReplayGuardStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive mesh keygen|send|fetch|peers}: a mesh user's key, sending through TX servers,
 * fetching (and discarding) from an RX server, and a server's view of its peers.
 */
@Command(
        name = "mesh",
        mixinStandardHelpOptions = true,
        description = "Mesh relay client: keygen, send, fetch, peers.",
        footer = {"%nExample:", "  missive mesh keygen --out alice.pem"},
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            MeshCommand.Keygen.class,
            MeshCommand.Send.class,
            MeshCommand.Fetch.class,
            MeshCommand.Peers.class,
        })
public final class MeshCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public MeshCommand() {}

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    /** {@code --tx-proxy} and {@code --rx-proxy} of the client commands. */
    static final class ProxyOptions {

        @Option(
                names = "--tx-proxy",
                paramLabel = "PROXY",
                defaultValue = "system",
                converter = MeshArguments.Proxy.class,
                description = "Proxy for sending: system (the JVM's http(s).proxyHost/socksProxyHost settings,"
                        + " the default), direct, http://HOST:PORT or socks5://HOST:PORT.")
        ProxyChoice tx;

        @Option(
                names = "--rx-proxy",
                paramLabel = "PROXY",
                defaultValue = "system",
                converter = MeshArguments.Proxy.class,
                description = "Proxy for receiving (fetch, discard, status), as --tx-proxy.")
        ProxyChoice rx;
    }

    /**
     * A client with the key in {@code keyFile}, the system clock and secure randomness; packets it
     * drops (bad signature, another recipient's binding) are reported on {@code err}.
     */
    static OkHttpMeshClient client(
            Path keyFile, ProxyOptions proxies, PrintWriter err, ReplayGuardStore seen, int coverPackets) {
        RsaPrivateKey key = MeshKeyFiles.read(keyFile, "--key");
        MeshClientConfig config = key.publicKey().modulusBits() < 4096
                ? MeshClientConfig.DEFAULTS.withProfile(MeshProfile.J1)
                : MeshClientConfig.DEFAULTS;
        MeshClient client = MeshClient.builder()
                .key(key)
                .clock(Clock.system())
                .random(RandomSource.secure())
                .seenStore(seen)
                .eventListener(new EventListener() {
                    @Override
                    public void onProtocolEvent(ProtocolEvent event) {
                        if (event instanceof MeshEvent.SecurityDrop drop) {
                            err.println("warning: dropped packet " + drop.hash().hex() + ": "
                                    + drop.reason().name().toLowerCase(java.util.Locale.ROOT));
                            err.flush();
                        }
                    }
                })
                .config(config)
                .build();
        return OkHttpMeshClient.builder(client)
                .txProxy(proxies.tx)
                .rxProxy(proxies.rx)
                .coverPackets(coverPackets)
                .build();
    }

    /** {@code mesh keygen --out FILE [--bits 4096]}. */
    @Command(
            name = "keygen",
            mixinStandardHelpOptions = true,
            description = {
                "Generate an RSA key pair: the private key into FILE (PKCS#8 PEM, owner-only), the public key"
                        + " (base64 SPKI, the address others send to) on stdout.",
                "4096 bits takes a few seconds."
            },
            footer = {"%nExample:", "  missive mesh keygen --out alice.pem"})
    static final class Keygen implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE",
                description = "Where to write the private key (must not exist).")
        private Path out;

        @Option(
                names = "--bits",
                paramLabel = "BITS",
                defaultValue = "4096",
                description = "4096 (default; what J2 requires) or 2048 (J1 only).")
        private int bits;

        @Override
        public Integer call() {
            if (bits != 4096 && bits != 2048) {
                throw new ParameterException(spec.commandLine(), "--bits " + bits + ": expected 4096 or 2048");
            }
            RsaPrivateKey key = RsaPrivateKey.generate(bits, new SecureRandom()).privateKey();
            try {
                MeshKeyFiles.writeNew(out, key);
            } catch (IOException e) {
                throw new CommandFailure("cannot write --out " + out + ": " + CommandFailure.reason(e), e);
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(MeshKeys.publicKeyText(key));
            stdout.flush();
            return 0;
        }
    }

    /** {@code mesh send --server URL... --key FILE --to PUBKEY|FILE --text TEXT [--cover N]}. */
    @Command(
            name = "send",
            mixinStandardHelpOptions = true,
            description = "Seal a message to a recipient and send it to every --server (TX); prints the packet hash.",
            footer = {
                "%nExample:",
                "  missive mesh send --server http://127.0.0.1:8081 --key alice.pem --to bob.pub --text 'Hello Bob'"
            })
    static final class Send implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--server",
                required = true,
                arity = "1..*",
                paramLabel = "URL",
                converter = MeshArguments.ServerUrl.class,
                description = "TX server(s), http[s]://HOST[:PORT]; the packet goes to each.")
        private List<URI> servers;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your private key (PEM).")
        private Path key;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "PUBKEY|FILE",
                description = "The recipient: base64 SPKI public key, or a file holding it (or their private key).")
        private String to;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The message.")
        private String text;

        @Option(
                names = "--cover",
                paramLabel = "N",
                defaultValue = "0",
                description = "Also send N cover packets (0 to " + OkHttpMeshClient.MAX_COVER_PACKETS
                        + ", default 0): addressed to yourself, the size of the real one, in random order with"
                        + " it; dropped silently when you fetch them. See docs/mesh.md for what this hides.")
        private int cover;

        @Mixin
        private ProxyOptions proxies;

        @Override
        public Integer call() {
            if (cover < 0 || cover > OkHttpMeshClient.MAX_COVER_PACKETS) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--cover " + cover + ": expected 0 to " + OkHttpMeshClient.MAX_COVER_PACKETS);
            }
            // Sending opens nothing: no seen-message state needed.
            OkHttpMeshClient client =
                    client(key, proxies, spec.commandLine().getErr(), new InMemoryReplayGuardStore(), cover);
            String recipient = MeshKeyFiles.recipient(to);
            SealedMessage sealed;
            try {
                sealed = client.client()
                        .seal(recipient, MessageType.MESSAGE, client.client().newChannelId(), text);
            } catch (MeshException e) {
                throw new CommandFailure(
                        "--to " + shorten(recipient) + " is not a usable public key: " + e.getMessage(), e);
            }
            List<OkHttpMeshClient.SendOutcome> outcomes;
            try {
                outcomes = client.send(servers, sealed);
            } catch (IOException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            PrintWriter err = spec.commandLine().getErr();
            for (OkHttpMeshClient.SendOutcome outcome : outcomes) {
                if (!outcome.accepted()) {
                    err.println("warning: " + outcome.failure());
                } else if (outcome.coverAccepted() < cover) {
                    err.println("warning: " + outcome.server() + " stored " + outcome.coverAccepted() + " of " + cover
                            + " cover packets");
                }
            }
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            out.println(sealed.packet().hash().hex());
            out.flush();
            return 0;
        }
    }

    /** {@code mesh fetch --server URL --key FILE [--discard] [--state DIR] [--all]}. */
    @Command(
            name = "fetch",
            mixinStandardHelpOptions = true,
            description = {
                "Fetch your messages from an RX server (a signed request); one JSON object per line and message:"
                        + " from, id, text, timestamp, hash.",
                "Packets whose signature or binding fails are dropped (reported on stderr); cover packets"
                        + " are dropped silently.",
                "A message already shown by an earlier fetch with the same --state is not shown again, unless"
                        + " --all is given."
            },
            footer = {"%nExample:", "  missive mesh fetch --server http://127.0.0.1:8083 --key bob.pem --discard"})
    static final class Fetch implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--server",
                required = true,
                paramLabel = "URL",
                converter = MeshArguments.ServerUrl.class,
                description = "RX server, http[s]://HOST[:PORT].")
        private URI server;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your private key (PEM).")
        private Path key;

        @Option(names = "--discard", description = "Discard what was fetched on the server (signed over the hashes).")
        private boolean discard;

        @Option(
                names = "--state",
                paramLabel = "DIR",
                defaultValue = MeshClientState.DEFAULT_STATE,
                description = "Remembers the messages already shown, so that a later fetch shows only new ones"
                        + " (default: ${DEFAULT-VALUE}).")
        private Path state;

        @Option(names = "--all", description = "Also show the messages shown by earlier fetches (still once each).")
        private boolean all;

        @Mixin
        private ProxyOptions proxies;

        @Override
        public Integer call() {
            List<ReceivedMessage> messages;
            try (MeshClientState remembered = MeshClientState.open(state)) {
                ReplayGuardStore seen = remembered.seen(all, Clock.system().now());
                OkHttpMeshClient client =
                        client(key, proxies, spec.commandLine().getErr(), seen, 0);
                messages = client.fetchAll(server, discard);
            } catch (MeshException e) {
                throw new CommandFailure(
                        server + " refused the request: " + e.error().code(), e);
            } catch (IOException e) {
                throw new CommandFailure("cannot reach " + server + ": " + CommandFailure.reason(e), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (ReceivedMessage received : messages) {
                ObjectNode line = JSON.createObjectNode();
                line.put("from", received.message().sender());
                line.put("id", received.message().id());
                line.put("text", received.message().content());
                line.put(
                        "timestamp", MeshJson.formatTimestamp(received.message().timestamp()));
                line.put("hash", received.hash().hex());
                out.println(line.toString());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code mesh peers --server URL}. */
    @Command(
            name = "peers",
            mixinStandardHelpOptions = true,
            description = "A server's known peers with their scores: one JSON object per line (url, key, score,"
                    + " status, last_sync).",
            footer = {"%nExample:", "  missive mesh peers --server http://127.0.0.1:8082"})
    static final class Peers implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(
                names = "--server",
                required = true,
                paramLabel = "URL",
                converter = MeshArguments.ServerUrl.class,
                description = "The server, http[s]://HOST[:PORT].")
        private URI server;

        @Mixin
        private ProxyOptions proxies;

        @Override
        public Integer call() {
            // Reading a server's peers needs no identity: a throw-away key would cost seconds, so the
            // request goes out without a client key (GET /peers is unauthenticated).
            List<PeerView> peers;
            try {
                peers = OkHttpMeshClient.peers(server, proxies.rx);
            } catch (MeshException e) {
                throw new CommandFailure(
                        server + " refused the request: " + e.error().code(), e);
            } catch (IOException e) {
                throw new CommandFailure("cannot reach " + server + ": " + CommandFailure.reason(e), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (PeerView peer : peers) {
                ObjectNode line = JSON.createObjectNode();
                line.put("url", peer.url());
                peer.key().ifPresentOrElse(k -> line.put("key", k), () -> line.putNull("key"));
                line.put("score", peer.score());
                line.put("status", peer.status());
                peer.lastSync()
                        .ifPresentOrElse(
                                millis -> line.put(
                                        "last_sync", MeshJson.formatTimestamp(java.time.Instant.ofEpochMilli(millis))),
                                () -> line.putNull("last_sync"));
                out.println(line.toString());
            }
            out.flush();
            return 0;
        }
    }

    private static String shorten(String key) {
        return key.length() <= 24 ? key : key.substring(0, 24) + "...";
    }
}
