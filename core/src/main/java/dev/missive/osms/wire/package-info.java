/**
 * OSMS codecs: Go's Gob (the subset OSMS needs, {@link dev.missive.osms.wire.Gob}), the JSON mirror,
 * the user and server-key documents in both, content negotiation, and OTR message classification.
 */
package dev.missive.osms.wire;
