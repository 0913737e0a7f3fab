package dev.missive.emsg.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schemas (draft 2020-12) of EMSG, shipped as resources
 * {@code dev/missive/emsg/wire/schema/<name>.schema.json} and validated with networknt
 * json-schema-validator. The seed's {@code "format": "hostname"} on addresses is replaced by the
 * address pattern, since {@code alice#ex.com} is not a host name ({@code docs/emsg.md}, "Schemas").
 */
public final class Schemas {

    /** The schemas. */
    public enum Name {
        /** {@code chat} messages. */
        CHAT,
        /** {@code system} messages. */
        SYSTEM,
        /** The {@code fields} of {@code profile_set}. */
        PROFILE,
        /** Group metadata ({@code group} answers). */
        GROUP,
        /** {@code hello}. */
        HELLO;

        /**
         * The resource path of the schema.
         *
         * @return the classpath resource path of the JSON schema file
         */
        public String resource() {
            return "/dev/missive/emsg/wire/schema/" + name().toLowerCase(Locale.ROOT) + ".schema.json";
        }
    }

    private static final Map<Name, Schema> SCHEMAS = load();

    private Schemas() {}

    private static Map<Name, Schema> load() {
        // JSON paths ($.sender) in errors: what a client reading the error table expects.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_PATH)
                        .build()));
        Map<Name, Schema> schemas = new EnumMap<>(Name.class);
        for (Name name : Name.values()) {
            try (InputStream in = Schemas.class.getResourceAsStream(name.resource())) {
                if (in == null) {
                    throw new IllegalStateException("missing schema resource " + name.resource());
                }
                JsonNode node = EmsgJson.MAPPER.readTree(in);
                Schema schema = registry.getSchema(node);
                schema.initializeValidators();
                schemas.put(name, schema);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }

    /**
     * The schema text of {@code name}, as shipped.
     *
     * @param name the schema
     * @return its JSON text
     */
    public static String text(Name name) {
        try (InputStream in = Schemas.class.getResourceAsStream(name.resource())) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validates an instance.
     *
     * @param name     the schema
     * @param instance the JSON value
     * @throws EmsgException {@code 422} whose path is the first failing member (JSON path, e.g.
     *     {@code $.sender}; for a missing member the path of the member that is missing)
     */
    public static void validate(Name name, JsonNode instance) throws EmsgException {
        Schema schema = schemaOf(name);
        // The fail-fast boolean pass builds no error messages; only a refused instance pays for them.
        if (schema.validate(instance, OutputFormat.BOOLEAN)) {
            return;
        }
        List<Error> errors = schema.validate(instance);
        if (errors.isEmpty()) {
            return;
        }
        Error first = errors.stream()
                .min(Comparator.comparing((Error e) -> pathOf(e).length())
                        .reversed()
                        .thenComparing(Schemas::pathOf))
                .orElseThrow();
        throw new EmsgException(EmsgError.SCHEMA_VIOLATION, first.getMessage(), pathOf(first), -1);
    }

    private static Schema schemaOf(Name name) {
        return SCHEMAS.get(name);
    }

    /** The JSON path of an error; a missing member's path names the member. */
    static String pathOf(Error error) {
        String location = error.getInstanceLocation().toString();
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            return location + "." + error.getProperty();
        }
        return location;
    }
}
