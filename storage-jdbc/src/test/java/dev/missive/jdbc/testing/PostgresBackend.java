package dev.missive.jdbc.testing;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.StoreUrl;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh schema {@code missive_test_<random>} in the PostgreSQL database named by the environment
 * variable {@value #URL_VARIABLE} (default {@value #DEFAULT_URL}), dropped afterwards, so that test
 * runs never see each other's data.
 *
 * <p>When the server cannot be reached the tests of the class are skipped, with the reason in the
 * test report and on standard error; when the environment variable {@code CI} is set they fail
 * instead, so CI never passes without having run them.
 */
public final class PostgresBackend extends TestDatabase {

    /** Environment variable holding the JDBC URL of the test database. */
    public static final String URL_VARIABLE = "MISSIVE_TEST_PG_URL";

    /** The URL used when {@value #URL_VARIABLE} is not set: the local trust-auth test server. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static final Pattern CURRENT_SCHEMA = Pattern.compile("([?&])currentSchema=[^&]*&?");
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final String baseUrl;
    private final String schema;

    /** Creates the backend; register it with {@code @RegisterExtension} on a static field. */
    public PostgresBackend() {
        String configured = System.getenv(URL_VARIABLE);
        this.baseUrl = configured == null || configured.isBlank() ? DEFAULT_URL : configured;
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        this.schema = "missive_test_" + HexFormat.of().formatHex(suffix);
    }

    /** The schema this backend creates, uses and drops. */
    public String schema() {
        return schema;
    }

    /** The store URL of the test schema: the configured URL with {@code currentSchema} set. */
    public StoreUrl.Postgres url() {
        String withoutSchema = CURRENT_SCHEMA.matcher(baseUrl).replaceAll("$1");
        if (withoutSchema.endsWith("?") || withoutSchema.endsWith("&")) {
            withoutSchema = withoutSchema.substring(0, withoutSchema.length() - 1);
        }
        String separator = withoutSchema.contains("?") ? "&" : "?";
        return new StoreUrl.Postgres(withoutSchema + separator + "currentSchema=" + schema);
    }

    /** {@code PostgreSQL}: the name of the database in test reports. */
    @Override
    public String toString() {
        return "PostgreSQL";
    }

    @Override
    protected Database create() throws Unavailable {
        try (Connection connection = adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw unavailable(e);
        }
        try {
            return Database.open(url());
        } catch (RuntimeException e) {
            try {
                destroy();
            } catch (SQLException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
    }

    @Override
    protected void destroy() throws SQLException {
        try (Connection connection = adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private Connection adminConnection() throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(baseUrl);
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        return source.getConnection();
    }

    /** The skip signal for {@code cause}; under CI an {@link IllegalStateException} is thrown instead. */
    private Unavailable unavailable(SQLException cause) {
        String where = new StoreUrl.Postgres(baseUrl).toString();
        String reason = "PostgreSQL is not reachable at " + where + " (" + cause.getMessage() + "); set " + URL_VARIABLE
                + " to a database where the tests may create schemas";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(reason + ". CI is set, so this is a failure, not a skip.", cause);
        }
        return new Unavailable(reason, cause);
    }
}
