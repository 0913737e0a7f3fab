/**
 * Missive's store SPIs on JDBC: SQLite (the embedded default) and PostgreSQL, pooled by HikariCP,
 * with Flyway migrations per protocol.
 */
module dev.missive.storage.jdbc {
    requires transitive dev.missive.core;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    // Flyway ships without module descriptors or Automatic-Module-Name: these are the names the
    // JDK derives from the jar file names.
    requires flyway.core;
    requires flyway.database.postgresql;
    // Flyway (an automatic module) loads Jackson reflectively; explicit modules are resolved only
    // when something requires them, so require it here on Flyway's behalf.
    requires com.fasterxml.jackson.databind;
    requires org.postgresql.jdbc;
    requires org.slf4j;
    requires org.xerial.sqlitejdbc;

    exports dev.missive.jdbc;
    exports dev.missive.jdbc.openmsg;
    exports dev.missive.jdbc.osms;
    exports dev.missive.jdbc.smp;
    exports dev.missive.jdbc.mesh;
    exports dev.missive.jdbc.emsg;

    // Flyway finds migrations with ClassLoader.getResources, which sees a named module's resource
    // folders only when they are open. Each protocol adds its two folders here.
    opens db.missive.guard.postgresql;
    opens db.missive.guard.sqlite;
    opens db.missive.openmsg.postgresql;
    opens db.missive.openmsg.sqlite;
    opens db.missive.osms.postgresql;
    opens db.missive.osms.sqlite;
    opens db.missive.smp.postgresql;
    opens db.missive.smp.sqlite;
    opens db.missive.mesh.postgresql;
    opens db.missive.mesh.sqlite;
    opens db.missive.emsg.postgresql;
    opens db.missive.emsg.sqlite;
}
