package dev.missive.emsg.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The signing input of EMSG ({@code docs/emsg.md}, "Signing input"): the RFC 8785 (JCS) canonical
 * UTF-8 bytes of the signed object without its {@code signature} member. Every other member, known or
 * not, is covered.
 */
public final class Canonical {

    /** The member that carries the signature and is left out of the signing input. */
    public static final String SIGNATURE_MEMBER = "signature";

    private Canonical() {}

    /**
     * The RFC 8785 canonical form of a JSON text.
     *
     * @param json an I-JSON text
     * @return the canonical UTF-8 bytes
     * @throws IllegalArgumentException if the text is not JSON
     */
    public static byte[] canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalizable JSON", e);
        }
    }

    /**
     * The signing input of an object: JCS of the object without {@code signature}.
     *
     * @param signed the object (not modified)
     * @return the bytes to sign or verify
     * @throws EmsgException {@code 400} if the object cannot be canonicalized
     */
    public static byte[] signingInput(ObjectNode signed) throws EmsgException {
        // A shallow copy suffices: only a top-level member is left out.
        ObjectNode copy = EmsgJson.object();
        copy.setAll(signed);
        copy.remove(SIGNATURE_MEMBER);
        try {
            return canonicalize(EmsgJson.write(copy));
        } catch (IllegalArgumentException e) {
            throw new EmsgException(EmsgError.BAD_REQUEST, "not canonicalizable JSON");
        }
    }
}
