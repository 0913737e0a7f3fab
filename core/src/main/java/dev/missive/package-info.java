/**
 * Types shared by every protocol: {@link dev.missive.ProtocolException}, the base of each
 * protocol's typed error family, whose members carry the protocol's name and wire code. The
 * protocols themselves start at {@link dev.missive.openmsg} and {@link dev.missive.smp}; the host's
 * side of every engine is {@link dev.missive.spi} and {@link dev.missive.event}.
 */
package dev.missive;
