package dev.missive.smp.wire;

import dev.missive.smp.model.SmpError;

/**
 * One transmission as framed by {@link TransmissionDecoder}, before its fields are interpreted.
 *
 * @param signatureLine the first line without its terminator (base64 text or empty)
 * @param connIdLine    the second line without its terminator (base64 text or empty)
 * @param commandLine   the third line without its terminator
 * @param body          the sized binary body announced by the command line, or null
 * @param signedBytes   the exact bytes covered by the signature: everything after the line break
 *                      that ends the signature line up to, excluding, the line break that ends the
 *                      transmission (binary body included)
 * @param framingError  a framing problem found while reading (over-long line, body over the cap,
 *                      non-empty line after the body), or null
 */
public record Frame(
        byte[] signatureLine,
        byte[] connIdLine,
        byte[] commandLine,
        byte[] body,
        byte[] signedBytes,
        SmpError framingError) {}
