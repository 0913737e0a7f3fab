/**
 * OSMS (Open, Secure Messaging Service): a user directory and relay server whose logins are OTR
 * AKEs carried over HTTP, and whose user-to-user messages are OTR conversations relayed opaquely.
 * The profile, with what comes from the 2015 text and what is ours, is {@code docs/osms.md}.
 *
 * <p><b>Where to start.</b> A server is {@link dev.missive.osms.OsmsServer}, built with
 * {@link dev.missive.osms.OsmsServer#builder()} from a clock, a random source, the user, session
 * and queue stores ({@link dev.missive.osms.memory} or {@code dev.missive.jdbc.osms}), an
 * {@link dev.missive.crypto.otr.OtrEngine} and the server's OTR key; a transport (for example
 * {@code dev.missive.http.osms.OsmsHttpServer}) hands each request to
 * {@link dev.missive.osms.OsmsServer#handle}. A user's side is
 * {@link dev.missive.osms.client.OsmsClient}, which logs in, pins keys and relays OTR conversations
 * through a transport. The engine pattern is in {@code docs/ARCHITECTURE.md}.
 */
package dev.missive.osms;
