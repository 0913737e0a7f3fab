package dev.missive.cli;

import dev.missive.jdbc.Database;
import dev.missive.jdbc.StoreException;
import dev.missive.jdbc.StoreUrl;
import dev.missive.jdbc.StoreUrlException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --store URL} option of every command ({@code memory:}, {@code sqlite:PATH} or
 * {@code jdbc:postgresql://...}), declared as
 * {@code @Option(names = "--store", converter = StoreOption.class, description = StoreOption.DESCRIPTION)}.
 * A URL that does not parse is a usage error (exit 2); a database that cannot be opened is a
 * runtime failure (exit 1), reported by {@link #open}.
 */
public final class StoreOption implements ITypeConverter<StoreUrl> {

    /** The option's help text. */
    public static final String DESCRIPTION = "memory:, sqlite:PATH or jdbc:postgresql://...";

    /** Picocli instantiates the converter. */
    public StoreOption() {}

    @Override
    public StoreUrl convert(String value) {
        try {
            return StoreUrl.parse(value);
        } catch (StoreUrlException e) {
            throw new TypeConversionException("'" + shown(value) + "' is not a store URL (" + e.getMessage() + ")");
        }
    }

    /**
     * Opens the database of {@code url} (not {@code memory:}, which has none).
     *
     * @param url an {@code sqlite:} or PostgreSQL store URL
     * @return the open database; the caller closes it
     * @throws CommandFailure naming the URL (its password hidden) if the database cannot be opened
     */
    public static Database open(StoreUrl url) {
        try {
            return Database.open(url);
        } catch (StoreException e) {
            throw new CommandFailure("cannot open store " + url + ": " + CommandFailure.reason(e), e);
        }
    }

    /** The rejected text without its query, where a PostgreSQL URL carries its password. */
    private static String shown(String value) {
        int query = value.indexOf('?');
        return query < 0 ? value : value.substring(0, query) + "?...";
    }
}
