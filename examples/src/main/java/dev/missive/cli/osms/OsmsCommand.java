package dev.missive.cli.osms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.cli.CommandFailure;
import dev.missive.cli.StoreOption;
import dev.missive.crypto.otr.Otr4jEngine;
import dev.missive.crypto.otr.OtrKeyPair;
import dev.missive.event.EventListener;
import dev.missive.event.ProtocolEvent;
import dev.missive.http.osms.OkHttpOsmsTransport;
import dev.missive.jdbc.StoreUrl;
import dev.missive.osms.OsmsEvent;
import dev.missive.osms.client.OsmsClient;
import dev.missive.osms.client.OsmsSecurityException;
import dev.missive.osms.client.PollResult;
import dev.missive.osms.client.SendResult;
import dev.missive.osms.client.UserInfo;
import dev.missive.osms.model.OsmsError;
import dev.missive.osms.model.OsmsException;
import dev.missive.osms.model.OtrPublicKey;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.UserRecord;
import dev.missive.spi.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code missive osms ...}: the OSMS client commands (keygen, lookup, send, inbox, authorize,
 * rename, verify) and the operator's {@code register} for a server with closed registration. Each client
 * command logs in, does its work and logs out; texts between users travel in OTR conversations that
 * need both users' commands running at once, so {@code send}, {@code inbox --wait} and {@code verify}
 * say what they wait for and give up after {@code --wait}.
 */
@Command(
        name = "osms",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "OSMS client commands against a directory server, and the operator's register.",
        subcommands = {
            OsmsCommand.KeygenCommand.class,
            OsmsCommand.LookupCommand.class,
            OsmsCommand.SendCommand.class,
            OsmsCommand.InboxCommand.class,
            OsmsCommand.AuthorizeCommand.class,
            OsmsCommand.RenameCommand.class,
            OsmsCommand.VerifyCommand.class,
            OsmsCommand.RegisterCommand.class,
        })
public final class OsmsCommand implements Runnable {

    /** How long a client waits between polls while it waits for a peer. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public OsmsCommand() {}

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    /** Parses {@code --username}, {@code --to}, {@code --peer}: 1 to 32 ASCII letters and digits. */
    static final class UsernameOption implements ITypeConverter<Username> {
        @Override
        public Username convert(String value) {
            if (!Username.isValid(value)) {
                throw new TypeConversionException(
                        "'" + value + "' is not a username (1 to 32 ASCII letters and digits)");
            }
            return Username.of(value);
        }
    }

    /** {@code osms keygen}: a new OTR key (DSA-1024/160) in FILE and its public half in FILE.pub. */
    @Command(
            name = "keygen",
            footer = {"%nExample:", "  missive osms keygen --out alice.key"},
            mixinStandardHelpOptions = true,
            description = "Generate an OTR key (DSA-1024/160) into FILE (owner-only) and FILE.pub; print its"
                    + " fingerprint.")
    static final class KeygenCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the private key goes.")
        Path out;

        @Override
        public Integer call() {
            OtrKeyPair key = OtrKeyPair.generate(new SecureRandom());
            try {
                KeyFiles.writeNew(out, key);
            } catch (FileAlreadyExistsException e) {
                throw new CommandFailure("--out " + out + ": " + e.getFile() + " exists already (not overwritten)", e);
            } catch (IOException e) {
                throw new CommandFailure("cannot write --out " + out + ": " + CommandFailure.reason(e), e);
            }
            PrintWriter printed = spec.commandLine().getOut();
            printed.println("fingerprint " + OtrPublicKey.of(key.publicKey()).fingerprintHex());
            printed.flush();
            return 0;
        }
    }

    /**
     * What every client command shares: the server options, the state directory, the client engine on
     * an OkHttp transport, warnings on stderr for trust decisions, and one-line failures.
     */
    abstract static class ClientCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ClientOptions options;

        /** The command's work with an open state; a failure throws {@link CommandFailure}. */
        abstract void run(ClientState state, PrintWriter out, PrintWriter err) throws Exception;

        @Override
        public final Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (options.socks == null
                    && options.server.getHost().toLowerCase(Locale.ROOT).endsWith(".onion")) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--server " + options.server + " is an onion service: give Tor's SOCKS5 proxy with --socks"
                                + " HOST:PORT (e.g. 127.0.0.1:9050)");
            }
            try (ClientState state = ClientState.open(options.state)) {
                run(state, out, err);
                return 0;
            } catch (OsmsSecurityException e) {
                throw new CommandFailure("security check failed: " + e.getMessage(), e);
            } catch (OsmsException e) {
                // The refusal already names the server's code; the cause would only repeat it.
                throw new CommandFailure(refusal(e));
            } catch (IOException e) {
                throw new CommandFailure("cannot reach " + options.server + ": " + CommandFailure.reason(e), e);
            } finally {
                out.flush();
                err.flush();
            }
        }

        /** The server's refusal in words, with its code. */
        String refusal(OsmsException e) {
            return switch (e.error()) {
                case REGISTRATION_CLOSED ->
                    "the server has no such account and takes no registrations"
                            + " (its operator adds accounts with osms register): " + e.getMessage();
                case KEY_MISMATCH ->
                    "the server refused the login: the key is not the account's key: " + e.getMessage();
                case UNKNOWN_USER -> "no such user on " + options.server + ": " + e.getMessage();
                default -> options.server + " refused: " + e.getMessage();
            };
        }

        /** How pins name the server: its URL as given, without a trailing slash. */
        String serverName() {
            String url = options.server.toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        /** The client engine for {@code key} on this command's server and state. */
        OsmsClient client(ClientState state, OtrKeyPair key, PrintWriter err) {
            OkHttpOsmsTransport.Builder transport = OkHttpOsmsTransport.builder(options.server);
            if (options.socks != null) {
                transport.socks(options.socks);
            }
            OsmsClient.Builder client = OsmsClient.builder()
                    .transport(transport.build())
                    .clock(Clock.system())
                    .otr(new Otr4jEngine())
                    .key(key)
                    .pinStore(state.pins())
                    .server(serverName())
                    .eventListener(warnings(err));
            if (options.serverFingerprint != null) {
                client.serverFingerprint(options.serverFingerprint);
            }
            return client.build();
        }

        /** Trust decisions the user must see, on stderr. */
        private static EventListener warnings(PrintWriter err) {
            return new EventListener() {
                @Override
                public void onProtocolEvent(ProtocolEvent event) {
                    String line = switch (event) {
                        case OsmsEvent.ServerKeyTrustedOnFirstUse e ->
                            "warning: trusting the server key "
                                    + e.fingerprintHex()
                                    + " on first use (compare it with the operator's, or pass --server-fingerprint)";
                        case OsmsEvent.UserKeyPinned e ->
                            "pinned the key of " + e.username() + " on first use: " + e.fingerprintHex();
                        case OsmsEvent.KeyChanged e ->
                            "SECURITY: the key of " + e.subject() + " changed: pinned " + e.pinned() + ", now "
                                    + e.received();
                        default -> null;
                    };
                    if (line != null) {
                        err.println(line);
                        err.flush();
                    }
                }
            };
        }
    }

    /** {@code osms lookup}: a user's directory record. */
    @Command(
            name = "lookup",
            footer = {"%nExample:", "  missive osms lookup --server http://127.0.0.1:8443 --username bob"},
            mixinStandardHelpOptions = true,
            description = "Print a user's record as {\"username\":..,\"fingerprint\":..,\"verified\":..}; the key is"
                    + " pinned on first sight and a changed key fails the command; verified: this key passed osms"
                    + " verify.")
    static final class LookupCommand extends ClientCommand {

        @Option(
                names = "--username",
                required = true,
                paramLabel = "U",
                converter = UsernameOption.class,
                description = "The user to look up.")
        Username username;

        @Override
        void run(ClientState state, PrintWriter out, PrintWriter err) throws Exception {
            // A look-up proves no key: the client engine needs one, so it gets a throw-away key.
            OsmsClient client = client(state, OtrKeyPair.generate(new SecureRandom()), err);
            UserInfo info = client.getUser(username);
            ObjectNode record = new ObjectMapper().createObjectNode();
            record.put("username", info.username().value());
            record.put("fingerprint", info.publicKey().fingerprintHex());
            record.put(
                    "verified",
                    state.isVerified(
                            options.server, info.username(), info.publicKey().fingerprintHex()));
            out.println(record);
            if (info.pin() == UserInfo.PinCheck.CHANGED) {
                throw new CommandFailure("the key of " + username + " changed since it was pinned (see the line above"
                        + " on stderr): confirm the new key with its owner before trusting it");
            }
        }
    }

    /** What the commands that log in share: {@code --key} and {@code --username}. */
    abstract static class AccountCommand extends ClientCommand {

        @Option(
                names = "--key",
                required = true,
                paramLabel = "FILE",
                description = "Your OTR private key (osms keygen --out FILE).")
        Path keyFile;

        @Option(
                names = "--username",
                required = true,
                paramLabel = "U",
                converter = UsernameOption.class,
                description = "Your username.")
        Username username;

        /** The work while logged in. */
        abstract void run(OsmsClient client, ClientState state, PrintWriter out, PrintWriter err) throws Exception;

        /** Checks and reads what the command needs before it logs in; a bad value is a usage error. */
        void prepare() {}

        @Override
        final void run(ClientState state, PrintWriter out, PrintWriter err) throws Exception {
            prepare();
            OsmsClient client = client(state, KeyFiles.readPrivate("--key", keyFile), err);
            client.login(username);
            boolean done = false;
            try {
                run(client, state, out, err);
                done = true;
            } finally {
                try {
                    client.logout();
                } catch (OsmsException | IOException e) {
                    if (done) {
                        throw e;
                    }
                    // The command's own failure is the one to report.
                }
            }
        }

        /** Keeps and prints what a poll received, then lets the server delete it. */
        void keepAndAcknowledge(OsmsClient client, ClientState state, PollResult result, PrintWriter out)
                throws OsmsException, IOException {
            Username self = client.username().orElse(username);
            for (String line : state.keep(options.server, self, result.texts())) {
                out.println(line);
            }
            out.flush();
            client.acknowledge();
        }

        /** Reports what a poll says went wrong with other users, on stderr. */
        static void reportFailures(PollResult result, PrintWriter err) {
            for (PollResult.Failure failure : result.failures()) {
                err.println(
                        "warning: " + failure.peer() + ": " + failure.error().code() + ": " + failure.detail());
            }
            err.flush();
        }

        static void pause() throws InterruptedException {
            Thread.sleep(POLL_INTERVAL);
        }
    }

    /** {@code osms send}: one text to another user, once both authorized each other. */
    @Command(
            name = "send",
            footer = {
                "%nExample:",
                "  missive osms send --server http://127.0.0.1:8443 --key alice.key --username alice --to bob --text 'Hello Bob'"
            },
            mixinStandardHelpOptions = true,
            description = {
                "Send a text to another user in an OTR conversation relayed by the server.",
                "OTR needs the recipient active: this waits (up to --wait) while the recipient runs"
                        + " `osms inbox --wait`. Both users must have run `osms authorize` for each other."
            })
    static final class SendCommand extends AccountCommand {

        @Option(
                names = "--to",
                required = true,
                paramLabel = "V",
                converter = UsernameOption.class,
                description = "The recipient.")
        Username to;

        @Option(names = "--text", required = true, paramLabel = "T", description = "The text.")
        String text;

        @Option(
                names = "--wait",
                paramLabel = "DURATION",
                defaultValue = "60s",
                converter = ClientOptions.Wait.class,
                description =
                        "How long to wait for the recipient's side of the OTR handshake (default: ${DEFAULT-VALUE}).")
        Duration wait;

        @Override
        void run(OsmsClient client, ClientState state, PrintWriter out, PrintWriter err) throws Exception {
            if (text.indexOf('\0') >= 0) {
                throw new ParameterException(spec.commandLine(), "--text must not contain NUL characters");
            }
            SendResult result = client.send(to, text);
            if (result == SendResult.PENDING) {
                err.println("waiting up to " + wait.toSeconds() + "s for " + to + " to answer the OTR handshake (" + to
                        + " must be running osms inbox --wait)");
                err.flush();
                Instant deadline = Instant.now().plus(wait);
                while (client.hasPending(to)) {
                    PollResult polled = client.poll();
                    keepAndAcknowledge(client, state, polled, out);
                    failIfRefused(polled);
                    reportFailures(polled, err);
                    if (!client.hasPending(to)) {
                        break;
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new CommandFailure("timed out after " + wait.toSeconds() + "s waiting for " + to
                                + " to answer the OTR handshake (" + to + " must run osms inbox --wait meanwhile);"
                                + " the text was not sent");
                    }
                    pause();
                }
            }
            err.println("sent to " + to);
        }

        /** A relay of our text the server refused ends the command with the reason. */
        private void failIfRefused(PollResult polled) {
            for (PollResult.Failure failure : polled.failures()) {
                if (!failure.peer().equals(to.value())) {
                    continue;
                }
                if (failure.error() == OsmsError.CONSENT_REQUIRED) {
                    throw new CommandFailure(consentMessage());
                }
                throw new CommandFailure(
                        "cannot send to " + to + ": " + failure.error().code() + ": " + failure.detail());
            }
        }

        private String consentMessage() {
            return username + " and " + to + " have not both authorized each other: run osms authorize --peer " + to
                    + " as " + username + " and osms authorize --peer " + username + " as " + to
                    + " (consent-required); the text was not sent";
        }

        @Override
        String refusal(OsmsException e) {
            return e.error() == OsmsError.CONSENT_REQUIRED ? consentMessage() : super.refusal(e);
        }
    }

    /** {@code osms inbox}: texts received, one JSON object per line. */
    @Command(
            name = "inbox",
            footer = {
                "%nExample:",
                "  missive osms inbox --server http://127.0.0.1:8443 --key bob.key --username bob --wait PT1M"
            },
            mixinStandardHelpOptions = true,
            description = {
                "Print received texts, one JSON object per line (from, text, received_at), and keep them in the"
                        + " state directory.",
                "With --wait, keep polling (answering other users' OTR handshakes) until a text arrives or the"
                        + " time is up."
            })
    static final class InboxCommand extends AccountCommand {

        @Option(
                names = "--wait",
                paramLabel = "DURATION",
                converter = ClientOptions.Wait.class,
                description = "Wait up to DURATION (30s, 2m, PT1M) for a text, answering OTR handshakes meanwhile.")
        Duration wait;

        @Override
        void run(OsmsClient client, ClientState state, PrintWriter out, PrintWriter err) throws Exception {
            Instant deadline = wait == null ? null : Instant.now().plus(wait);
            if (wait != null) {
                err.println("waiting up to " + wait.toSeconds() + "s for texts to " + username);
                err.flush();
            }
            int received = 0;
            while (true) {
                PollResult polled = client.poll();
                keepAndAcknowledge(client, state, polled, out);
                reportFailures(polled, err);
                received += polled.texts().size();
                if (polled.remaining() > 0) {
                    continue;
                }
                if (deadline == null || received > 0) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    err.println("no text arrived within " + wait.toSeconds() + "s");
                    return;
                }
                pause();
            }
        }
    }

    /** {@code osms authorize}: consent to texts from a peer. */
    @Command(
            name = "authorize",
            footer = {
                "%nExample:",
                "  missive osms authorize --server http://127.0.0.1:8443 --key alice.key --username alice --peer bob"
            },
            mixinStandardHelpOptions = true,
            description = "Accept texts from a peer; texts flow once both users authorized each other.")
    static final class AuthorizeCommand extends AccountCommand {

        @Option(
                names = "--peer",
                required = true,
                paramLabel = "V",
                converter = UsernameOption.class,
                description = "The user to accept texts from.")
        Username peer;

        @Override
        void run(OsmsClient client, ClientState state, PrintWriter out, PrintWriter err) throws Exception {
            boolean mutual = client.authorize(peer);
            out.println(
                    mutual
                            ? "authorized " + peer + " (mutual: texts can flow)"
                            : "authorized " + peer + " (waiting for " + peer + " to authorize " + username + ")");
        }
    }

    /** {@code osms rename}: a new username for the account; the key stays. */
    @Command(
            name = "rename",
            footer = {
                "%nExample:",
                "  missive osms rename --server http://127.0.0.1:8443 --key alice.key --username alice --to alice2"
            },
            mixinStandardHelpOptions = true,
            description = "Rename your account; the key, consents and waiting texts stay with it.")
    static final class RenameCommand extends AccountCommand {

        @Option(
                names = "--to",
                required = true,
                paramLabel = "NEW",
                converter = UsernameOption.class,
                description = "The new username.")
        Username to;

        @Override
        void run(OsmsClient client, ClientState state, PrintWriter out, PrintWriter err) throws Exception {
            client.rename(to);
            out.println("renamed " + username + " to " + to);
        }
    }

    /**
     * {@code osms verify}: OTR's Socialist Millionaires' Protocol with a peer who runs the same command
     * with the same secret at about the same time. The user whose name sorts first opens the
     * conversation and asks; the other answers, so the two commands never start competing exchanges.
     */
    @Command(
            name = "verify",
            footer = {
                "%nExample:",
                "  missive osms verify --server http://127.0.0.1:8443 --key alice.key --username alice --peer bob"
                        + " --secret-file -"
            },
            mixinStandardHelpOptions = true,
            description = {
                "Verify a peer with a secret you agreed on out of band (OTR's Socialist Millionaires' Protocol):"
                        + " proves that the peer's key belongs to whoever knows the secret, without revealing it.",
                "The peer runs osms verify with the same secret at about the same time (OTR needs both users"
                        + " active). Exit 0 when verified (recorded in the state directory; osms lookup shows it),"
                        + " 1 when the secrets differ, the peer aborted or --wait ran out."
            })
    static final class VerifyCommand extends AccountCommand {

        /** The most a secret file or stdin may hold. */
        static final int MAX_SECRET_BYTES = 4096;

        @Option(
                names = "--peer",
                required = true,
                paramLabel = "V",
                converter = UsernameOption.class,
                description = "The user to verify.")
        Username peer;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Secret secret;

        /** Where the secret comes from: the command line or a file (stdin for {@code -}). */
        static final class Secret {
            @Option(
                    names = "--secret",
                    paramLabel = "S",
                    description = "The shared secret (visible to other local users in the process list: prefer"
                            + " --secret-file).")
            String text;

            @Option(
                    names = "--secret-file",
                    paramLabel = "F",
                    description = "Read the secret from file F, or from stdin for -, up to 4096 bytes of UTF-8;"
                            + " one trailing line break is dropped.")
            Path file;
        }

        @Option(
                names = "--wait",
                paramLabel = "DURATION",
                defaultValue = "60s",
                converter = ClientOptions.Wait.class,
                description = "How long to wait for the peer's side (default: ${DEFAULT-VALUE}).")
        Duration wait;

        private String shared;

        @Override
        void prepare() {
            if (peer.equals(username)) {
                throw new ParameterException(spec.commandLine(), "--peer must be another user than --username");
            }
            shared = readSecret();
        }

        @Override
        void run(OsmsClient client, ClientState state, PrintWriter out, PrintWriter err) throws Exception {
            // One side asks, the other answers: two simultaneous SMP requests would abort each other.
            boolean asks = username.value().compareTo(peer.value()) < 0;
            Instant deadline = Instant.now().plus(wait);
            if (asks) {
                client.startConversation(peer);
                err.println("waiting up to " + wait.toSeconds() + "s for " + peer + " to run osms verify --peer "
                        + username + " (OTR handshake, then " + peer + " answers the verification)");
            } else {
                requireReachable(client);
                err.println("waiting up to " + wait.toSeconds() + "s for " + peer + " to run osms verify --peer "
                        + username + " (" + peer + " opens the conversation and asks, this side answers)");
            }
            err.flush();
            boolean asked = false;
            Boolean outcome = null;
            while (outcome == null) {
                PollResult polled = client.poll();
                keepAndAcknowledge(client, state, polled, out);
                reportFailures(polled, err);
                failIfDropped(polled);
                outcome = polled.verifications().get(peer.value());
                if (outcome != null) {
                    break;
                }
                if (asks && !asked && client.isEncrypted(peer)) {
                    client.verify(peer, "", shared);
                    asked = true;
                    err.println("conversation with " + peer + " encrypted; verification asked");
                    err.flush();
                } else if (!asks && polled.smpRequests().containsKey(peer.value())) {
                    client.answerVerification(peer, shared);
                    err.println(peer + " asked to verify; answered");
                    err.flush();
                }
                if (polled.remaining() > 0) {
                    continue;
                }
                if (Instant.now().isAfter(deadline)) {
                    out.println("not verified " + peer);
                    out.flush();
                    throw new CommandFailure("timed out after " + wait.toSeconds() + "s waiting for " + peer
                            + (asked ? " to answer the verification" : " to run osms verify --peer " + username)
                            + " (OTR needs both users active at the same time): not verified");
                }
                pause();
            }
            if (!outcome) {
                out.println("not verified " + peer);
                out.flush();
                throw new CommandFailure("not verified: the secrets differ, or " + peer + " aborted the verification");
            }
            // The conversation proved the peer's directory key, which matched the pin: that key is verified.
            String fingerprint = state.pins()
                    .find(serverName(), peer.value())
                    .orElseThrow(() -> new CommandFailure("no pinned key for " + peer + " after the conversation"))
                    .fingerprintHex();
            state.recordVerified(options.server, peer, fingerprint);
            out.println("verified " + peer + " " + fingerprint);
        }

        /** The answering side checks what the asking side's {@code startConversation} checks. */
        private void requireReachable(OsmsClient client) throws OsmsSecurityException, OsmsException, IOException {
            if (client.getUser(peer).pin() == UserInfo.PinCheck.CHANGED) {
                throw new OsmsSecurityException("the key of " + peer + " changed since it was pinned");
            }
            if (!client.consent(peer).mutual()) {
                throw new OsmsException(OsmsError.CONSENT_REQUIRED, "verify " + peer);
            }
        }

        /** A dropped conversation (key mismatch) or a refused relay ends the verification. */
        private void failIfDropped(PollResult polled) {
            for (PollResult.Failure failure : polled.failures()) {
                if (failure.peer().equals(peer.value())) {
                    throw new CommandFailure("cannot verify " + peer + ": "
                            + failure.error().code() + ": " + failure.detail() + ": not verified");
                }
            }
        }

        private String readSecret() {
            String value;
            if (secret.text != null) {
                value = secret.text;
            } else {
                boolean stdin = secret.file.toString().equals("-");
                String source = stdin ? "stdin" : "--secret-file " + secret.file;
                byte[] bytes;
                try (InputStream in = stdin ? System.in : Files.newInputStream(secret.file)) {
                    bytes = in.readNBytes(MAX_SECRET_BYTES + 1);
                } catch (IOException e) {
                    throw new CommandFailure(
                            "cannot read the secret from " + source + ": " + CommandFailure.reason(e), e);
                }
                if (bytes.length > MAX_SECRET_BYTES) {
                    throw new ParameterException(
                            spec.commandLine(), "the secret in " + source + " is over " + MAX_SECRET_BYTES + " bytes");
                }
                value = new String(bytes, StandardCharsets.UTF_8);
                value = value.endsWith("\r\n")
                        ? value.substring(0, value.length() - 2)
                        : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            }
            if (value.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "the secret is empty");
            }
            return value;
        }

        private String consentMessage() {
            return username + " and " + peer + " have not both authorized each other: run osms authorize --peer "
                    + peer + " as " + username + " and osms authorize --peer " + username + " as " + peer
                    + " (consent-required); not verified";
        }

        @Override
        String refusal(OsmsException e) {
            return e.error() == OsmsError.CONSENT_REQUIRED ? consentMessage() : super.refusal(e);
        }
    }

    /** {@code osms register}: the operator adds an account to a server's store (closed registration). */
    @Command(
            name = "register",
            footer = {
                "%nExample:",
                "  missive osms register --store sqlite:osms.db --username carol --public-key carol.key.pub"
            },
            mixinStandardHelpOptions = true,
            description = "Add an account to an OSMS server's store (how a server with --registration closed gets"
                    + " users); works while the server runs on the same sqlite:PATH or PostgreSQL store.")
    static final class RegisterCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--store",
                required = true,
                paramLabel = "URL",
                converter = StoreOption.class,
                description = "The server's store: sqlite:PATH or jdbc:postgresql://...")
        StoreUrl store;

        @Option(
                names = "--username",
                required = true,
                paramLabel = "U",
                converter = UsernameOption.class,
                description = "The new account's username.")
        Username username;

        @Option(
                names = "--public-key",
                required = true,
                paramLabel = "FILE",
                description = "The user's public key: FILE.pub from osms keygen (or the private key file).")
        Path publicKey;

        @Override
        public Integer call() throws Exception {
            if (store instanceof StoreUrl.Memory) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--store memory: is empty in every process: give the server's sqlite:PATH or jdbc:postgresql://...");
            }
            try (OsmsServerStores stores = OsmsServerStores.open(store)) {
                OtrPublicKey key = KeyFiles.readPublic("--public-key", publicKey);
                UserRecord user = stores.registrar().registerUser(username, key);
                spec.commandLine()
                        .getOut()
                        .println("registered " + user.username() + " "
                                + user.publicKey().fingerprintHex());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (OsmsException e) {
                throw new CommandFailure("cannot register " + username + " in " + store + ": " + e.getMessage(), e);
            }
        }
    }
}
