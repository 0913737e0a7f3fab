package dev.missive.emsg.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.missive.crypto.CryptoException;
import dev.missive.crypto.Encodings;
import dev.missive.emsg.model.EmsgError;
import dev.missive.emsg.model.EmsgException;
import dev.missive.emsg.model.EmsgPublicKey;
import dev.missive.emsg.model.EmsgSigningKey;
import dev.missive.emsg.model.MessageSignature;
import dev.missive.emsg.model.SignatureAlgorithm;

/**
 * Signing and verifying JSON objects: the {@code signature} member is
 * {@code {"alg":..., "kid":..., "value": base64(sign(JCS(object without signature)))}}.
 */
public final class Signatures {

    private Signatures() {}

    /**
     * Signs an object: adds (or replaces) its {@code signature} member.
     *
     * @param unsigned the object to sign; modified in place
     * @param key      the signing key
     * @return the signed object as one line of JSON
     * @throws IllegalArgumentException if the object is not I-JSON
     */
    public static String sign(ObjectNode unsigned, EmsgSigningKey key) {
        unsigned.remove(Canonical.SIGNATURE_MEMBER);
        byte[] input;
        try {
            input = Canonical.signingInput(unsigned);
        } catch (EmsgException e) {
            throw new IllegalArgumentException("object cannot be canonicalized", e);
        }
        ObjectNode signature = unsigned.putObject(Canonical.SIGNATURE_MEMBER);
        signature.put("alg", key.algorithm().wireName());
        signature.put("kid", key.kid());
        signature.put("value", Encodings.base64(key.sign(input)));
        return EmsgJson.write(unsigned);
    }

    /**
     * Reads the {@code signature} member of an object.
     *
     * @param signed the object
     * @return the signature
     * @throws EmsgException {@code 422} at the failing member if it is missing or malformed
     */
    public static MessageSignature read(ObjectNode signed) throws EmsgException {
        JsonNode node = signed.get(Canonical.SIGNATURE_MEMBER);
        if (node == null || !node.isObject()) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "signature must be an object", "$.signature", -1);
        }
        try {
            SignatureAlgorithm alg = SignatureAlgorithm.fromWire(EmsgJson.requiredText(node, "alg"));
            String kid = EmsgJson.requiredText(node, "kid");
            byte[] value = Encodings.fromBase64(EmsgJson.requiredText(node, "value"));
            return new MessageSignature(alg, kid, value);
        } catch (IllegalArgumentException | CryptoException e) {
            throw new EmsgException(EmsgError.SCHEMA_VIOLATION, "malformed signature", "$.signature", -1);
        } catch (EmsgException e) {
            throw new EmsgException(
                    EmsgError.SCHEMA_VIOLATION,
                    e.getMessage(),
                    "$.signature." + e.path().substring(2),
                    -1);
        }
    }

    /**
     * Verifies an object's signature with a key.
     *
     * @param signed    the object
     * @param signature its signature, as {@link #read} returned it
     * @param key       the signer's key (from its home server, never from the message)
     * @return whether the key id and algorithm match and the signature verifies
     * @throws EmsgException {@code 400} if the object cannot be canonicalized
     */
    public static boolean verify(ObjectNode signed, MessageSignature signature, EmsgPublicKey key)
            throws EmsgException {
        if (!key.kid().equals(signature.kid()) || key.algorithm() != signature.algorithm()) {
            return false;
        }
        return key.verify(Canonical.signingInput(signed), signature.value());
    }
}
