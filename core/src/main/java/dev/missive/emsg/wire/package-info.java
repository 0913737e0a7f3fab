/**
 * ESMP codecs: strict I-JSON lines, RFC 8785 signing input, signatures, the JSON Schemas and the
 * message parsers ({@code docs/emsg.md}). Not API: exported to the TCP transport only.
 */
package dev.missive.emsg.wire;
