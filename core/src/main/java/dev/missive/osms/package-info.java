/**
 * OSMS (Open, Secure Messaging Service): a user directory and relay server whose logins are OTR
 * AKEs carried over HTTP, and whose user-to-user messages are OTR conversations relayed opaquely.
 * The profile, with what comes from the 2015 text and what is ours, is {@code docs/osms.md}.
 */
package dev.missive.osms;
