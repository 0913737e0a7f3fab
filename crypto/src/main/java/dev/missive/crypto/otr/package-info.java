/**
 * Off-the-Record messaging (OTR v2/v3) behind a small interface, {@link dev.missive.crypto.otr.OtrEngine},
 * with one adapter on {@code org.jitsi:org.otr4j} 0.23.
 *
 * <p>This lives in {@code crypto}, not in {@code core}, because otr4j draws its own randomness (the
 * JCA default {@code SecureRandom} for Diffie-Hellman keys and DSA signatures, and
 * {@code java.util.Random} for the D-H commit key r) and offers no way to inject a source; core may
 * not own randomness, so core only sees the interface and a host passes the adapter in.
 */
package dev.missive.crypto.otr;
