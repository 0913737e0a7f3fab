package dev.missive.jdbc.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every test of the annotated class once per database ({@link TestDatabase#each()}: SQLite,
 * then PostgreSQL). The class takes the {@link TestDatabase} of the run as its constructor argument;
 * see the example on {@link TestDatabase}. PostgreSQL runs are skipped with the reason when the
 * server is unreachable, and fail instead when {@code CI} is set ({@link PostgresBackend}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@MethodSource("dev.missive.jdbc.testing.TestDatabase#each")
public @interface OnEachDatabase {}
