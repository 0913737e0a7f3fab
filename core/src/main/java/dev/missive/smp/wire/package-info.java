/**
 * The SMP seed dialect's codecs, not API (exported to {@code dev.missive.transport.tcp} only):
 * {@link dev.missive.smp.wire.TransmissionDecoder} splits a byte stream into
 * {@link dev.missive.smp.wire.Frame}s, {@link dev.missive.smp.wire.CommandParser} and
 * {@link dev.missive.smp.wire.ServerMessageParser} interpret them as
 * {@link dev.missive.smp.wire.Command}s and {@link dev.missive.smp.wire.ServerMessage}s, and
 * {@link dev.missive.smp.wire.TransmissionEncoder} writes transmissions. Decoding is strict and
 * size-capped, and never throws for client input: a bad transmission becomes the
 * {@link dev.missive.smp.model.SmpError} to answer it with.
 */
package dev.missive.smp.wire;
