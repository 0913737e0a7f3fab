package dev.missive.cli.emsg;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.cli.CommandFailure;
import dev.missive.cli.StoreOption;
import dev.missive.cli.Tls;
import dev.missive.crypto.Encodings;
import dev.missive.emsg.client.ClientReply;
import dev.missive.emsg.client.EmsgClient;
import dev.missive.emsg.model.ChatMessage;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgMessage;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.GroupId;
import dev.missive.emsg.model.ProfileField;
import dev.missive.emsg.model.SignatureAlgorithm;
import dev.missive.emsg.model.SystemEvent;
import dev.missive.emsg.model.SystemMessage;
import dev.missive.emsg.model.Visibility;
import dev.missive.emsg.spi.Account;
import dev.missive.emsg.spi.ProfileValue;
import dev.missive.jdbc.StoreUrl;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import dev.missive.tcp.LineClient;
import dev.missive.tcp.emsg.EmsgTcpClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive emsg ...}: a user's client commands against their home server over ESMP ({@code keygen},
 * {@code register}, {@code send}, {@code inbox}, {@code group}, {@code profile}, {@code contact}), and the
 * operator's {@code account add} for a server with closed registration. Each command opens one connection,
 * authenticates with the user's key, does its work and exits: 0 done, 1 refused (the server's code and
 * reason on stderr), 2 usage.
 */
@Command(
        name = "emsg",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "EMSG client commands (against a home server) and operator commands.",
        subcommands = {
            EmsgCommand.KeygenCommand.class,
            EmsgCommand.RegisterCommand.class,
            EmsgCommand.SendCommand.class,
            EmsgCommand.InboxCommand.class,
            EmsgCommand.GroupCommand.class,
            EmsgCommand.ProfileCommand.class,
            EmsgCommand.ContactCommand.class,
            EmsgCommand.AccountCommand.class,
        })
public final class EmsgCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();
    // The CLI names groups g-<uuid>#origin (EmsgClient.newGroupId): that is how --to tells one from a user.
    private static final Pattern GROUP_ID = Pattern.compile("g-[0-9a-fA-F-]{36}#.+");

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public EmsgCommand() {}

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    static EmsgAddress address(CommandSpec spec, String option, String value) {
        try {
            return EmsgAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " '" + value + "': " + e.getMessage());
        }
    }

    static GroupId group(CommandSpec spec, String value) {
        try {
            return GroupId.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--group '" + value + "': " + e.getMessage());
        }
    }

    /** {@code <code> <message>} of a refusal, with the failing path when there is one. */
    static CommandFailure refused(EmsgException e) {
        String path = e.path() == null ? "" : " at " + e.path();
        String retry = e.retryAfterMillis() >= 0 ? " (retry after " + e.retryAfterMillis() + " ms)" : "";
        return new CommandFailure("refused: " + e.error().code() + " " + e.getMessage() + path + retry, e);
    }

    /** What the client commands share: the server, the key, TLS, and one authenticated connection. */
    abstract static class ClientCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--server",
                required = true,
                paramLabel = "HOST:PORT",
                converter = HostPortOption.class,
                description = "The home server.")
        InetSocketAddress server;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The user's key (emsg keygen).")
        Path keyFile;

        @Option(names = "--tls", description = "Connect with TLS (the certificate must name the user's domain).")
        boolean tls;

        @Option(
                names = "--trust-cert",
                paramLabel = "FILE",
                description =
                        "With --tls: trust exactly these PEM CA certificates (default: the JDK's and the system's).")
        Path trustCert;

        /** The user the command acts as. */
        abstract EmsgAddress user();

        /** The command's work on an authenticated connection; prints its result. */
        abstract void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException;

        /** Whether the handshake registers the account instead of authenticating. */
        boolean registers() {
            return false;
        }

        @Override
        public final Integer call() {
            EmsgSigningKey key = KeyFile.read(keyFile);
            EmsgClient client = new EmsgClient(user(), key, Clock.system(), RandomSource.secure());
            InetSocketAddress resolved = new InetSocketAddress(server.getHostString(), server.getPort());
            PrintWriter out = spec.commandLine().getOut();
            try (EmsgTcpClient tcp = EmsgTcpClient.connect(resolved, client, options(), registers())) {
                run(tcp, out);
            } catch (EmsgException e) {
                throw refused(e);
            } catch (IOException e) {
                throw new CommandFailure(
                        "cannot talk to " + server.getHostString() + ":" + server.getPort() + ": "
                                + CommandFailure.reason(e),
                        e);
            }
            out.flush();
            return 0;
        }

        private LineClient.Options options() {
            if (!tls) {
                return LineClient.Options.DEFAULTS;
            }
            try {
                return LineClient.Options.DEFAULTS.withTls(
                        Tls.clientContext(trustCert == null ? Tls.defaultTrustManager() : Tls.trustManager(trustCert))
                                .getSocketFactory());
            } catch (IOException | GeneralSecurityException e) {
                throw new CommandFailure("cannot load --trust-cert " + trustCert + ": " + CommandFailure.reason(e), e);
            }
        }
    }

    /** A client command that acts as {@code --address}. */
    abstract static class AddressCommand extends ClientCommand {

        @Option(names = "--address", required = true, paramLabel = "ADDR", description = "The user, user#domain.")
        String address;

        @Override
        EmsgAddress user() {
            return EmsgCommand.address(spec, "--address", address);
        }
    }

    /** {@code emsg keygen}. */
    @Command(
            name = "keygen",
            footer = {"%nExample:", "  missive emsg keygen --out alice.key"},
            mixinStandardHelpOptions = true,
            description = "Write a new Ed25519 private key to FILE and print its public key (base64).")
    static final class KeygenCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE",
                description = "The new key file (must not exist).")
        Path out;

        @Override
        public Integer call() {
            EmsgSigningKey key = KeyFile.generate(out);
            PrintWriter printer = spec.commandLine().getOut();
            printer.println(key.publicKey().base64());
            printer.flush();
            return 0;
        }
    }

    /** {@code emsg register}. */
    @Command(
            name = "register",
            footer = {
                "%nExample:",
                "  missive emsg register --server 127.0.0.1:5888 --address alice#a.example --key alice.key"
            },
            mixinStandardHelpOptions = true,
            description = "Create the account on its home server with this key (the server must run with"
                    + " --registration open).")
    static final class RegisterCommand extends AddressCommand {

        @Override
        boolean registers() {
            return true;
        }

        @Override
        void run(EmsgTcpClient tcp, PrintWriter out) {
            out.println("registered " + tcp.client().address());
        }
    }

    /** {@code emsg send}. */
    @Command(
            name = "send",
            footer = {
                "%nExample:",
                "  missive emsg send --server 127.0.0.1:5888 --key alice.key --from alice#a.example --to bob#b.example --text Hi"
            },
            mixinStandardHelpOptions = true,
            description = "Send a message to a user or a group (g-<uuid>#domain); prints its id once the home"
                    + " server acknowledged it.")
    static final class SendCommand extends ClientCommand {

        @Option(names = "--from", required = true, paramLabel = "ADDR", description = "The sender, user#domain.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "ADDR|GROUP", description = "A user or a group id.")
        String to;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The message.")
        String text;

        @Override
        EmsgAddress user() {
            return address(spec, "--from", from);
        }

        @Override
        void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
            EmsgClient client = tcp.client();
            EmsgClient.Outgoing message = GROUP_ID.matcher(to).matches()
                    ? client.groupChat(group(spec, to), text)
                    : client.chat(address(spec, "--to", to), text);
            out.println(tcp.send(message));
        }
    }

    /** {@code emsg inbox}. */
    @Command(
            name = "inbox",
            footer = {
                "%nExample:",
                "  missive emsg inbox --server 127.0.0.1:5888 --key alice.key --address alice#a.example"
            },
            mixinStandardHelpOptions = true,
            description = "List every message received, oldest first, one JSON object per line (not consumed).")
    static final class InboxCommand extends AddressCommand {

        private static final int PAGE = 100;

        @Override
        void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
            long after = 0;
            while (true) {
                ClientReply reply = tcp.request(tcp.client().inbox(after, PAGE));
                if (!(reply instanceof ClientReply.Inbox inbox)) {
                    throw new IOException(
                            "unexpected reply to inbox: " + reply.getClass().getSimpleName());
                }
                for (ClientReply.InboxItem item : inbox.messages()) {
                    out.println(JSON.writeValueAsString(line(item)));
                }
                if (inbox.messages().isEmpty() || inbox.next() <= after) {
                    return;
                }
                after = inbox.next();
            }
        }

        static ObjectNode line(ClientReply.InboxItem item) {
            EmsgMessage message = item.message();
            ObjectNode line = JSON.createObjectNode();
            line.put("id", message.id());
            line.put("type", message instanceof ChatMessage ? "chat" : "system");
            line.put("from", message.sender().toString());
            line.put(
                    "to",
                    message.recipient() == null ? null : message.recipient().toString());
            line.put("group", message.group() == null ? null : message.group().toString());
            line.put("text", message instanceof ChatMessage chat ? chat.body() : null);
            line.put("sent_at", message.timestampMillis());
            line.put("received_at", item.receivedAt().toEpochMilli());
            if (message instanceof SystemMessage system) {
                line.put("event", system.event().wireName());
                putIfSet(line, "target", system.target());
                putIfSet(line, "group_name", system.groupName());
                putIfSet(line, "description", system.description());
                putIfSet(line, "display_picture", system.displayPicture());
                putIfSet(line, "subject", system.subject());
                if (!system.fields().isEmpty()) {
                    system.fields().forEach(f -> line.withArray("fields").add(f.wireName()));
                }
                putIfSet(line, "ref", system.ref());
                if (system.code() != 0) {
                    line.put("code", system.code());
                }
            }
            return line;
        }

        private static void putIfSet(ObjectNode line, String name, Object value) {
            if (value != null) {
                line.put(name, value.toString());
            }
        }
    }

    /** {@code emsg group ...}. */
    @Command(
            name = "group",
            mixinStandardHelpOptions = true,
            synopsisSubcommandLabel = "COMMAND",
            description = "Create and manage groups (the group's origin server enforces the roles).",
            subcommands = {
                GroupCommand.Create.class,
                GroupCommand.Invite.class,
                GroupCommand.Remove.class,
                GroupCommand.Promote.class,
                GroupCommand.Demote.class,
                GroupCommand.Rename.class,
                GroupCommand.Leave.class,
            })
    static final class GroupCommand implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "Missing command");
        }

        /** {@code emsg group create}. */
        @Command(
                name = "create",
                footer = {
                    "%nExample:",
                    "  missive emsg group create --server 127.0.0.1:5888 --key alice.key --address alice#a.example --name Team --member bob#b.example"
                },
                mixinStandardHelpOptions = true,
                description = "Create a group on the home server with you as owner, invite the members, print its id.")
        static final class Create extends AddressCommand {

            @Option(names = "--name", required = true, paramLabel = "NAME", description = "The group's name.")
            String name;

            @Option(names = "--member", paramLabel = "ADDR", description = "A member to invite (repeatable).")
            List<String> members = new ArrayList<>();

            @Override
            void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
                EmsgClient client = tcp.client();
                List<EmsgAddress> invited = new ArrayList<>();
                for (String member : members) {
                    invited.add(address(spec, "--member", member));
                }
                GroupId id = client.newGroupId();
                tcp.send(client.createGroup(id, name));
                for (EmsgAddress member : invited) {
                    tcp.send(client.memberEvent(SystemEvent.JOINED, id, member));
                }
                out.println(id);
            }
        }

        /** What the commands naming a group share. */
        abstract static class GroupAction extends AddressCommand {

            @Option(names = "--group", required = true, paramLabel = "GID", description = "The group id.")
            String group;

            GroupId groupId() {
                return group(spec, group);
            }
        }

        /** What the commands naming a member share: one signed event, its id printed. */
        abstract static class MemberAction extends GroupAction {

            @Option(names = "--member", required = true, paramLabel = "ADDR", description = "The member.")
            String member;

            abstract SystemEvent event();

            @Override
            void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
                out.println(tcp.send(tcp.client().memberEvent(event(), groupId(), address(spec, "--member", member))));
            }
        }

        /** {@code emsg group invite}. */
        @Command(
                name = "invite",
                footer = {
                    "%nExample:",
                    "  missive emsg group invite --server 127.0.0.1:5888 --key alice.key --address alice#a.example --group GID --member carol#c.example"
                },
                mixinStandardHelpOptions = true,
                description = "Add a member (admins).")
        static final class Invite extends MemberAction {
            @Override
            SystemEvent event() {
                return SystemEvent.JOINED;
            }
        }

        /** {@code emsg group remove}. */
        @Command(
                name = "remove",
                footer = {
                    "%nExample:",
                    "  missive emsg group remove --server 127.0.0.1:5888 --key alice.key --address alice#a.example --group GID --member carol#c.example"
                },
                mixinStandardHelpOptions = true,
                description = "Remove a member (admins).")
        static final class Remove extends MemberAction {
            @Override
            SystemEvent event() {
                return SystemEvent.REMOVED;
            }
        }

        /** {@code emsg group promote}. */
        @Command(
                name = "promote",
                footer = {
                    "%nExample:",
                    "  missive emsg group promote --server 127.0.0.1:5888 --key alice.key --address alice#a.example --group GID --member bob#b.example"
                },
                mixinStandardHelpOptions = true,
                description = "Make a member an admin (owner).")
        static final class Promote extends MemberAction {
            @Override
            SystemEvent event() {
                return SystemEvent.ADMIN_ASSIGNED;
            }
        }

        /** {@code emsg group demote}. */
        @Command(
                name = "demote",
                footer = {
                    "%nExample:",
                    "  missive emsg group demote --server 127.0.0.1:5888 --key alice.key --address alice#a.example --group GID --member bob#b.example"
                },
                mixinStandardHelpOptions = true,
                description = "Make an admin a member (owner).")
        static final class Demote extends MemberAction {
            @Override
            SystemEvent event() {
                return SystemEvent.ADMIN_REVOKED;
            }
        }

        /** {@code emsg group rename}. */
        @Command(
                name = "rename",
                footer = {
                    "%nExample:",
                    "  missive emsg group rename --server 127.0.0.1:5888 --key alice.key --address alice#a.example --group GID --name \"Team 2\""
                },
                mixinStandardHelpOptions = true,
                description = "Rename the group (admins).")
        static final class Rename extends GroupAction {

            @Option(names = "--name", required = true, paramLabel = "NAME", description = "The new name.")
            String name;

            @Override
            void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
                out.println(tcp.send(tcp.client().metadataEvent(SystemEvent.GROUP_RENAMED, groupId(), name)));
            }
        }

        /** {@code emsg group leave}. */
        @Command(
                name = "leave",
                footer = {
                    "%nExample:",
                    "  missive emsg group leave --server 127.0.0.1:5888 --key bob.key --address bob#b.example --group GID"
                },
                mixinStandardHelpOptions = true,
                description = "Leave the group.")
        static final class Leave extends GroupAction {
            @Override
            void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
                out.println(tcp.send(tcp.client().leave(groupId())));
            }
        }
    }

    /** {@code emsg profile ...}. */
    @Command(
            name = "profile",
            mixinStandardHelpOptions = true,
            synopsisSubcommandLabel = "COMMAND",
            description = "Set your profile, or read one as you may see it.",
            subcommands = {ProfileCommand.SetProfile.class, ProfileCommand.GetProfile.class})
    static final class ProfileCommand implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "Missing command");
        }

        /** {@code emsg profile set}. */
        @Command(
                name = "set",
                footer = {
                    "%nExample:",
                    "  missive emsg profile set --server 127.0.0.1:5888 --key alice.key --address alice#a.example --field first_name=Alice --field address=Home --visibility address=private"
                },
                mixinStandardHelpOptions = true,
                description = "Set profile fields (first_name, middle_name, last_name, display_picture, address),"
                        + " each public unless --visibility says contacts or private.")
        static final class SetProfile extends AddressCommand {

            @Option(
                    names = "--field",
                    required = true,
                    paramLabel = "NAME=VALUE",
                    description = "A field (repeatable).")
            Map<String, String> fields;

            @Option(
                    names = "--visibility",
                    paramLabel = "NAME=public|contacts|private",
                    description = "Who sees a field (repeatable; default public).")
            Map<String, String> visibility = Map.of();

            @Override
            void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
                Map<ProfileField, ProfileValue> set = new EnumMap<>(ProfileField.class);
                fields.forEach((name, value) -> {
                    Visibility seen = visibility.containsKey(name)
                            ? parse(
                                    "--visibility",
                                    name + "=" + visibility.get(name),
                                    () -> Visibility.fromWire(visibility.get(name)))
                            : Visibility.PUBLIC;
                    set.put(field("--field", name), new ProfileValue(value, seen));
                });
                for (String name : visibility.keySet()) {
                    if (!fields.containsKey(name)) {
                        throw new ParameterException(
                                spec.commandLine(),
                                "--visibility " + name + ": no --field " + name + " to apply it to");
                    }
                }
                tcp.request(tcp.client().profileSet(set, Set.of()));
                out.println("profile of " + tcp.client().address() + " set: " + set.size() + " field(s)");
            }

            private ProfileField field(String option, String name) {
                return parse(option, name, () -> ProfileField.fromWire(name));
            }

            private <T> T parse(String option, String value, java.util.function.Supplier<T> parser) {
                try {
                    return parser.get();
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), option + " '" + value + "': " + e.getMessage());
                }
            }
        }

        /** {@code emsg profile get}. */
        @Command(
                name = "get",
                footer = {
                    "%nExample:",
                    "  missive emsg profile get --server 127.0.0.1:5888 --key bob.key --address bob#b.example --of alice#a.example"
                },
                mixinStandardHelpOptions = true,
                description = "Print a profile as --address may see it, as one JSON object.")
        static final class GetProfile extends AddressCommand {

            @Option(names = "--of", required = true, paramLabel = "ADDR", description = "Whose profile.")
            String of;

            @Override
            void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
                ClientReply reply = tcp.request(tcp.client().profileGet(address(spec, "--of", of)));
                if (!(reply instanceof ClientReply.Profile profile)) {
                    throw new IOException("unexpected reply to profile_get: "
                            + reply.getClass().getSimpleName());
                }
                ObjectNode line = JSON.createObjectNode();
                line.put("address", profile.address());
                ObjectNode fields = line.putObject("fields");
                profile.fields().forEach(fields::put);
                if (!profile.visibility().isEmpty()) {
                    ObjectNode visibility = line.putObject("visibility");
                    profile.visibility().forEach(visibility::put);
                }
                out.println(JSON.writeValueAsString(line));
            }
        }
    }

    /** {@code emsg contact ...}. */
    @Command(
            name = "contact",
            mixinStandardHelpOptions = true,
            synopsisSubcommandLabel = "COMMAND",
            description = "Manage your contacts (they see the profile fields marked contacts).",
            subcommands = {ContactCommand.Add.class})
    static final class ContactCommand implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "Missing command");
        }

        /** {@code emsg contact add}. */
        @Command(
                name = "add",
                footer = {
                    "%nExample:",
                    "  missive emsg contact add --server 127.0.0.1:5888 --key bob.key --address bob#b.example --contact alice#a.example"
                },
                mixinStandardHelpOptions = true,
                description = "Add a contact.")
        static final class Add extends AddressCommand {

            @Option(names = "--contact", required = true, paramLabel = "ADDR", description = "The contact.")
            String contact;

            @Override
            void run(EmsgTcpClient tcp, PrintWriter out) throws IOException, EmsgException {
                EmsgAddress added = address(spec, "--contact", contact);
                tcp.request(tcp.client().contactAdd(added));
                out.println("contact " + added + " added for " + tcp.client().address());
            }
        }
    }

    /** {@code emsg account ...}: the operator's commands on a server's store. */
    @Command(
            name = "account",
            mixinStandardHelpOptions = true,
            synopsisSubcommandLabel = "COMMAND",
            description = "Operator commands on a server's store (sqlite:PATH or jdbc:postgresql://...).",
            subcommands = {AccountCommand.Add.class})
    static final class AccountCommand implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "Missing command");
        }

        /** {@code emsg account add}. */
        @Command(
                name = "add",
                footer = {
                    "%nExample:",
                    "  missive emsg account add --store sqlite:b.db --address bob#b.example --public-key BASE64"
                },
                mixinStandardHelpOptions = true,
                description = "Create an account in a server's store (for --registration closed).")
        static final class Add implements Callable<Integer> {

            @Spec
            CommandSpec spec;

            @Option(
                    names = "--store",
                    required = true,
                    paramLabel = "URL",
                    converter = StoreOption.class,
                    description = "The server's store: sqlite:PATH or jdbc:postgresql://...")
            StoreUrl store;

            @Option(names = "--address", required = true, paramLabel = "ADDR", description = "The new account.")
            String address;

            @Option(
                    names = "--public-key",
                    required = true,
                    paramLabel = "BASE64",
                    description = "Its Ed25519 public key, as emsg keygen printed it.")
            String publicKey;

            @Override
            public Integer call() {
                if (store instanceof StoreUrl.Memory) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--store memory: is empty in every process: give the server's sqlite:PATH or jdbc:postgresql://...");
                }
                EmsgAddress account = EmsgCommand.address(spec, "--address", address);
                if (account.isSystem()) {
                    throw new ParameterException(spec.commandLine(), "--address '" + address + "' is reserved");
                }
                EmsgPublicKey key;
                try {
                    byte[] raw = Encodings.fromBase64(publicKey.strip());
                    key = new EmsgPublicKey(KeyFile.kid(raw), SignatureAlgorithm.ED25519, raw);
                } catch (RuntimeException e) {
                    throw new ParameterException(
                            spec.commandLine(), "--public-key '" + publicKey + "' is not a base64 Ed25519 public key");
                }
                try (EmsgStores stores = EmsgStores.open(store)) {
                    if (!stores.accounts().create(new Account(account, List.of(key), Instant.now()))) {
                        throw new CommandFailure("account " + account + " exists");
                    }
                }
                spec.commandLine().getOut().println("added " + account);
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }
}
