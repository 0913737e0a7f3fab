/** OSMS value types: usernames, user identifiers, OTR public keys and fingerprints, onion addresses, error codes. */
package dev.missive.osms.model;
