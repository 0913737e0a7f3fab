package dev.missive.crypto;

import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.util.Pack;

/**
 * HSalsa20 and HChaCha20: the Salsa20/ChaCha20 cores without the final feed-forward, which derive a
 * subkey from a key and a 16-byte nonce (XSalsa20, NaCl {@code crypto_box_beforenm},
 * XChaCha20). Bouncy Castle's cores add the input back at the end, so it is subtracted again.
 */
final class StreamCores {

    /** "expand 32-byte k" as four little-endian words. */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private static final int ROUNDS = 20;

    private StreamCores() {}

    /** HSalsa20(key, nonce16) as in the XSalsa20 paper: state words 0, 5, 10, 15, 6, 7, 8, 9. */
    static byte[] hsalsa20(byte[] key, byte[] nonce16) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        Pack.littleEndianToInt(key, 0, state, 1, 4);
        Pack.littleEndianToInt(key, 16, state, 11, 4);
        Pack.littleEndianToInt(nonce16, 0, state, 6, 4);
        int[] mixed = new int[16];
        Salsa20Engine.salsaCore(ROUNDS, state, mixed);
        int[] words = {0, 5, 10, 15, 6, 7, 8, 9};
        byte[] out = new byte[32];
        for (int i = 0; i < words.length; i++) {
            int w = words[i];
            Pack.intToLittleEndian(mixed[w] - state[w], out, 4 * i);
        }
        return out;
    }

    /** HChaCha20(key, nonce16) as in draft-irtf-cfrg-xchacha §2.2: state words 0-3 and 12-15. */
    static byte[] hchacha20(byte[] key, byte[] nonce16) {
        int[] state = new int[16];
        System.arraycopy(SIGMA, 0, state, 0, 4);
        Pack.littleEndianToInt(key, 0, state, 4, 8);
        Pack.littleEndianToInt(nonce16, 0, state, 12, 4);
        int[] mixed = new int[16];
        ChaChaEngine.chachaCore(ROUNDS, state, mixed);
        byte[] out = new byte[32];
        for (int i = 0; i < 4; i++) {
            Pack.intToLittleEndian(mixed[i] - state[i], out, 4 * i);
            Pack.intToLittleEndian(mixed[12 + i] - state[12 + i], out, 16 + 4 * i);
        }
        return out;
    }
}
