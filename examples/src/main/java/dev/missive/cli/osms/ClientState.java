package dev.missive.cli.osms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.cli.CommandFailure;
import dev.missive.cli.StateDirectory;
import dev.missive.jdbc.Database;
import dev.missive.jdbc.osms.JdbcPinStore;
import dev.missive.osms.client.ReceivedText;
import dev.missive.osms.model.Username;
import dev.missive.osms.spi.PinStore;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A client's state directory ({@code --state DIR}, default {@code ~/.missive/osms}), created
 * readable by its owner only:
 *
 * <pre>
 * DIR/state.db                               SQLite: trust-on-first-use pins (table osms_pins), per server
 * DIR/received/HOST_PORT/USERNAME.jsonl      every text received, one JSON object per line
 * DIR/verified/HOST_PORT.jsonl               keys verified with osms verify (username, fingerprint, verified_at)
 * </pre>
 *
 * <p>A received text is appended and forced to disk before the server is told to delete it, so a
 * command that dies after a poll loses nothing. OTR conversations cannot be kept here: the OTR
 * library holds them in memory only, so each command runs its OTR handshakes while it lives.
 */
final class ClientState implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Database database;
    private final PinStore pins;

    private ClientState(Path dir, Database database) {
        this.dir = dir;
        this.database = database;
        this.pins = new JdbcPinStore(database);
    }

    /**
     * Opens (creating if needed) the state directory.
     *
     * @throws CommandFailure naming the directory if it cannot be created or opened
     */
    static ClientState open(Path dir) {
        Database database = StateDirectory.open(dir);
        try {
            return new ClientState(dir, database);
        } catch (RuntimeException e) {
            database.close();
            throw new CommandFailure("cannot open --state " + dir + ": " + CommandFailure.reason(e), e);
        }
    }

    /** The pins of every server this state has seen. */
    PinStore pins() {
        return pins;
    }

    /** Where the texts {@code user} received from {@code server} are kept. */
    Path receivedFile(URI server, Username user) {
        return dir.resolve("received").resolve(serverDirectory(server)).resolve(user.value() + ".jsonl");
    }

    /** Where the keys verified with {@code osms verify} on {@code server} are recorded. */
    Path verifiedFile(URI server) {
        return dir.resolve("verified").resolve(serverDirectory(server) + ".jsonl");
    }

    /** {@code HOST_PORT} of a server, safe as a file name. */
    private static String serverDirectory(URI server) {
        String host = server.getHost().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
        int port = server.getPort() >= 0 ? server.getPort() : ("https".equals(server.getScheme()) ? 443 : 80);
        return host + "_" + port;
    }

    /**
     * Records that the key {@code fingerprintHex} of {@code user} passed an SMP verification, as one
     * JSON line ({@code username}, {@code fingerprint}, {@code verified_at}) forced to disk.
     *
     * @throws CommandFailure naming the file if it cannot be written
     */
    void recordVerified(URI server, Username user, String fingerprintHex) {
        ObjectNode node = JSON.createObjectNode();
        node.put("username", user.value());
        node.put("fingerprint", fingerprintHex);
        node.put("verified_at", Instant.now().toString());
        Path file = verifiedFile(server);
        try {
            append(file, List.of(node.toString()));
        } catch (IOException e) {
            throw new CommandFailure("cannot record the verification in " + file + ": " + CommandFailure.reason(e), e);
        }
    }

    /**
     * Whether the key {@code fingerprintHex} of {@code user} was verified with {@code osms verify}.
     * A verification is of a key: after a key change the user is not verified until verified again.
     *
     * @throws CommandFailure naming the file if it cannot be read
     */
    boolean isVerified(URI server, Username user, String fingerprintHex) {
        Path file = verifiedFile(server);
        if (!Files.exists(file)) {
            return false;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> {
                try {
                    var record = JSON.readTree(line);
                    return record.path("username").asText("").equals(user.value())
                            && record.path("fingerprint").asText("").equals(fingerprintHex);
                } catch (IOException e) {
                    return false; // a torn last line of a crashed run verifies nothing
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandFailure("cannot read " + file + ": " + CommandFailure.reason(e), e);
        }
    }

    /**
     * Appends {@code texts} to the received file of {@code user} and forces them to disk.
     *
     * @return the JSON line of each text, in order
     * @throws CommandFailure naming the file if it cannot be written
     */
    List<String> keep(URI server, Username user, List<ReceivedText> texts) {
        List<String> lines = texts.stream().map(ClientState::line).toList();
        if (lines.isEmpty()) {
            return lines;
        }
        Path file = receivedFile(server, user);
        try {
            append(file, lines);
        } catch (IOException e) {
            throw new CommandFailure("cannot keep received texts in " + file + ": " + CommandFailure.reason(e), e);
        }
        return lines;
    }

    /** Appends {@code lines} to {@code file} (created owner-only with its directories) and forces them to disk. */
    private static void append(Path file, List<String> lines) throws IOException {
        StateDirectory.createPrivateDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /** One received text as the JSON line {@code osms inbox} prints: {@code from}, {@code text}, {@code received_at}. */
    static String line(ReceivedText text) {
        ObjectNode node = JSON.createObjectNode();
        node.put("from", text.from());
        node.put("text", text.text());
        node.put("received_at", text.receivedAt().toString());
        return node.toString();
    }

    @Override
    public void close() {
        database.close();
    }
}
