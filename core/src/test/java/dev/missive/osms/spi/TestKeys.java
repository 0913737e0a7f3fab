package dev.missive.osms.spi;

import dev.missive.osms.model.OtrPublicKey;
import java.math.BigInteger;

/**
 * Distinct, valid-looking OTR public keys for store tests, without key generation: fixed DSA-1024/160
 * domain sizes and y values derived from a number. (Stores never check the DSA maths.)
 */
public final class TestKeys {

    private static final BigInteger P = BigInteger.ONE.shiftLeft(1023).add(BigInteger.valueOf(1155));
    private static final BigInteger Q = BigInteger.ONE.shiftLeft(159).add(BigInteger.valueOf(7));
    private static final BigInteger G = BigInteger.valueOf(5);

    private TestKeys() {}

    /**
     * The n-th test key.
     *
     * @param n any number from 1
     * @return a key distinct from every other n
     */
    public static OtrPublicKey key(int n) {
        return new OtrPublicKey(P, Q, G, BigInteger.valueOf(1000L + n).pow(50).mod(P));
    }
}
