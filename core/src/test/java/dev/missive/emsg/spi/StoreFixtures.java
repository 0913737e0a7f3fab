package dev.missive.emsg.spi;

import dev.missive.crypto.Ed25519PrivateKey;
import dev.missive.emsg.model.EmsgAddress;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.SignatureAlgorithm;
import java.time.Instant;

/** Values shared by the EMSG store contracts. */
final class StoreFixtures {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private StoreFixtures() {}

    static EmsgAddress addr(String text) {
        return EmsgAddress.parse(text);
    }

    static EmsgPublicKey key(String kid, int seed) {
        byte[] s = new byte[32];
        s[0] = (byte) seed;
        return new EmsgPublicKey(
                kid,
                SignatureAlgorithm.ED25519,
                Ed25519PrivateKey.fromSeed(s).publicKey().raw());
    }
}
