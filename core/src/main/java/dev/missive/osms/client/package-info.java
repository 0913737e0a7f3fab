/**
 * The OSMS client engine: directory look-ups with trust-on-first-use pins, login as an OTR AKE with
 * the server key pinned, authenticated operations, and OTR conversations with other users relayed
 * through the server.
 */
package dev.missive.osms.client;
