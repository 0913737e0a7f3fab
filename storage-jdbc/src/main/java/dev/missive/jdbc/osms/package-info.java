/**
 * OSMS stores on JDBC (SQLite and PostgreSQL): accounts and consents, the server key, login
 * sessions, queued items and a client's trust-on-first-use pins, all in the tables of the Flyway
 * migrations {@code db/missive/osms/<dialect>}.
 */
package dev.missive.jdbc.osms;
