/**
 * What an OSMS host implements: the stores (users and consents, server key, sessions, queued items,
 * the client's trust-on-first-use pins), the records they exchange, and the client's HTTP transport.
 */
package dev.missive.osms.spi;
