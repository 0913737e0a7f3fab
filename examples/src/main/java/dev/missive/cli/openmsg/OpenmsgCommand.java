package dev.missive.cli.openmsg;

import dev.missive.cli.CommandFailure;
import dev.missive.cli.JsonLines;
import dev.missive.cli.StoreOption;
import dev.missive.crypto.Secret;
import dev.missive.jdbc.StoreUrl;
import dev.missive.openmsg.ConnectResult;
import dev.missive.openmsg.OpenmsgNode;
import dev.missive.openmsg.PassCode;
import dev.missive.openmsg.SendResult;
import dev.missive.openmsg.model.InboxMessage;
import dev.missive.openmsg.model.OpenmsgAddress;
import dev.missive.spi.Clock;
import dev.missive.spi.RandomSource;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code missive openmsg ...}: operator commands that work on a node's store, usually while the node
 * runs in another process. The peer's callbacks (auth-confirm, message-confirm) reach the running
 * node, which finds the pending handshake or sent message this process wrote to the shared store.
 */
@Command(
        name = "openmsg",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Openmsg operator commands against a node's store (sqlite:PATH or jdbc:postgresql://...).",
        subcommands = {
            OpenmsgCommand.PassCodeCommand.class,
            OpenmsgCommand.ConnectCommand.class,
            OpenmsgCommand.SendCommand.class,
            OpenmsgCommand.InboxCommand.class,
        })
public final class OpenmsgCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Picocli instantiates the command. */
    public OpenmsgCommand() {}

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    /** What every operator command shares: the store, error reporting, and building a node on it. */
    abstract static class OperatorCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--store",
                required = true,
                paramLabel = "URL",
                converter = StoreOption.class,
                description = "The node's existing store: sqlite:PATH or jdbc:postgresql://...")
        StoreUrl store;

        /** The command's work; a {@link CommandFailure} or a refused argument ends it with exit code 1. */
        abstract void run(OpenmsgStoreHandle handle, PrintWriter out) throws Exception;

        @Override
        public final Integer call() throws Exception {
            if (store instanceof StoreUrl.Memory) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--store memory: is empty in every process: give the node's sqlite:PATH or jdbc:postgresql://...");
            }
            try (OpenmsgStoreHandle handle = OpenmsgStoreHandle.openExisting(store)) {
                run(handle, spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException e) {
                // The engine refuses an address, a user id or a pass code: the message says which.
                throw new CommandFailure(e.getMessage(), e);
            }
        }

        OpenmsgNode node(OpenmsgStoreHandle handle, String domain, PeerOptions peers) throws Exception {
            OpenmsgNode.Builder builder = OpenmsgNode.builder()
                    .domain(domain)
                    .store(handle.store())
                    .clock(Clock.system())
                    .random(RandomSource.secure());
            if (peers != null) {
                // No event listener: a one-shot command prints the outcome, with a failure's reason.
                builder.transport(peers.transport()).locator(peers.locator()).config(peers.config());
            } else {
                builder.transport((uri, body) -> {
                    throw new IllegalStateException("this command makes no network calls");
                });
            }
            return builder.build();
        }

        /**
         * The domain for bare user ids: {@code --domain} if given, else the one node domain registered
         * in the store.
         */
        static String domainOf(OpenmsgStoreHandle handle, String explicit) {
            if (explicit != null) {
                return explicit;
            }
            List<String> domains = handle.nodeDomains();
            if (domains.size() == 1) {
                return domains.get(0);
            }
            throw new CommandFailure(
                    domains.isEmpty()
                            ? "no node domain is recorded in this store (start openmsg-node on it once, or pass --domain)"
                            : "this store serves several domains " + domains + ": pass --domain");
        }

        /**
         * Checks that {@code userId} is a local user of the store.
         *
         * @throws CommandFailure naming the user and the store if it is not
         */
        void requireUser(OpenmsgStoreHandle handle, String userId) {
            if (handle.store().user(userId).isEmpty()) {
                throw new CommandFailure("no local user " + userId + " in " + store + " (openmsg-node --user " + userId
                        + ":NAME adds one)");
            }
        }

        /** A sender address must belong to a node that serves from this store, or callbacks go nowhere. */
        static void requireServedHere(OpenmsgStoreHandle handle, OpenmsgAddress from) {
            List<String> domains = handle.nodeDomains();
            if (!domains.isEmpty() && !domains.contains(from.domain())) {
                throw new CommandFailure("no node for " + from.domain() + " serves this store (it serves " + domains
                        + "), so the peer's confirmation callback could not be answered");
            }
        }
    }

    /** What the commands that call a peer share: local {@code --from}, remote {@code --to}, peer options. */
    abstract static class PeerCommand extends OperatorCommand {

        @Option(
                names = "--from",
                required = true,
                paramLabel = "ADDR",
                converter = AddressOption.class,
                description = "Local address ID*DOMAIN.")
        OpenmsgAddress from;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "ADDR",
                converter = AddressOption.class,
                description = "Remote address ID*DOMAIN.")
        OpenmsgAddress to;

        @Mixin
        PeerOptions peers;

        @Override
        final void run(OpenmsgStoreHandle handle, PrintWriter out) throws Exception {
            requireServedHere(handle, from);
            requireUser(handle, from.id());
            run(node(handle, from.domain(), peers), from, to, out);
        }

        /** The command's work, on the node of {@code --from}'s domain. */
        abstract void run(OpenmsgNode node, OpenmsgAddress self, OpenmsgAddress other, PrintWriter out);
    }

    /** {@code openmsg passcode}: issues a one-time pass code and prints it. */
    @Command(
            name = "passcode",
            footer = {"%nExample:", "  missive openmsg passcode --store sqlite:b.db --user 2000000"},
            mixinStandardHelpOptions = true,
            description = "Issue a one-time pass code (6 digits, valid 1 hour) for a local user and print it.")
    static final class PassCodeCommand extends OperatorCommand {

        @Option(
                names = "--user",
                required = true,
                paramLabel = "ID",
                converter = AddressOption.UserId.class,
                description = "The local user's id (digits).")
        String user;

        @Option(
                names = "--domain",
                paramLabel = "D",
                description = "The node's domain, when the store does not say (several nodes, or none started yet).")
        String domain;

        @Override
        void run(OpenmsgStoreHandle handle, PrintWriter out) throws Exception {
            String nodeDomain = domainOf(handle, domain);
            requireUser(handle, user);
            PassCode code = node(handle, nodeDomain, null).issuePassCode(user);
            out.println(code.code().revealText());
        }
    }

    /** {@code openmsg connect}: runs the handshake as initiator. */
    @Command(
            name = "connect",
            footer = {
                "%nExample:",
                "  missive openmsg connect --store sqlite:a.db --from '1000000*a.example' --to '2000000*b.example' --pass-code 123456 --peer b.example=http://127.0.0.1:8082/openmsg/"
            },
            mixinStandardHelpOptions = true,
            description = "Connect local user --from to --to with the pass code --to's user gave out.")
    static final class ConnectCommand extends PeerCommand {

        @Option(
                names = "--pass-code",
                required = true,
                paramLabel = "CODE",
                description = "The remote user's pass code.")
        String passCode;

        @Override
        void run(OpenmsgNode node, OpenmsgAddress self, OpenmsgAddress other, PrintWriter out) {
            ConnectResult result = node.connect(self, other, Secret.ofText(passCode));
            switch (result) {
                case ConnectResult.Connected connected ->
                    out.println("connected " + connected.self() + " to " + connected.other() + " ("
                            + connected.otherName() + ")");
                case ConnectResult.Failed failed ->
                    throw new CommandFailure("handshake failed: " + failed.error() + ": " + failed.detail());
            }
        }
    }

    /** {@code openmsg send}: sends one message and waits for the recipient's answer. */
    @Command(
            name = "send",
            footer = {
                "%nExample:",
                "  missive openmsg send --store sqlite:a.db --from '1000000*a.example' --to '2000000*b.example' --text 'Hello Bob' --peer b.example=http://127.0.0.1:8082/openmsg/"
            },
            mixinStandardHelpOptions = true,
            description = "Send a message from local user --from to connected user --to; prints its hash.")
    static final class SendCommand extends PeerCommand {

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The message.")
        String text;

        @Override
        void run(OpenmsgNode node, OpenmsgAddress self, OpenmsgAddress other, PrintWriter out) {
            SendResult result = node.send(self, other, text);
            switch (result) {
                case SendResult.Sent sent -> out.println(sent.messageHash());
                case SendResult.Failed failed ->
                    throw new CommandFailure("not delivered: " + failed.reason()
                            + failed.peerCode().map(code -> " " + code).orElse("") + ": " + failed.detail());
            }
        }
    }

    /** {@code openmsg inbox}: prints a user's received messages as JSON lines. */
    @Command(
            name = "inbox",
            footer = {"%nExample:", "  missive openmsg inbox --store sqlite:b.db --user 2000000"},
            mixinStandardHelpOptions = true,
            description = {
                "Print the messages a local user received, oldest first, one JSON object per line:",
                "{\"from\",\"from_name\",\"text\",\"sent_at\",\"received_at\",\"message_hash\"}."
            })
    static final class InboxCommand extends OperatorCommand {

        @Option(
                names = "--user",
                required = true,
                paramLabel = "ID",
                converter = AddressOption.UserId.class,
                description = "The local user's id (digits).")
        String user;

        @Option(
                names = "--domain",
                paramLabel = "D",
                description = "The node's domain, when the store does not say (several nodes, or none started yet).")
        String domain;

        @Override
        void run(OpenmsgStoreHandle handle, PrintWriter out) throws Exception {
            String nodeDomain = domainOf(handle, domain);
            requireUser(handle, user);
            for (InboxMessage message : node(handle, nodeDomain, null).inbox(user)) {
                Map<String, String> line = new LinkedHashMap<>();
                line.put("from", message.sender().toString());
                line.put("from_name", message.senderName());
                line.put("text", message.text());
                line.put("sent_at", JsonLines.instant(message.sentAt()));
                line.put("received_at", JsonLines.instant(message.receivedAt()));
                line.put("message_hash", message.messageHash());
                out.println(JsonLines.of(line));
            }
        }
    }
}
