package dev.missive.mesh.wire;

/** Which packet field an envelope fills; part of its associated data, so the two cannot be swapped. */
public enum EnvelopeField {
    /** The {@code message} field (the padded message JSON). */
    MESSAGE(1),
    /** The {@code signature} field (the {@code {"signature": ...}} JSON). */
    SIGNATURE(2);

    private final int tag;

    EnvelopeField(int tag) {
        this.tag = tag;
    }

    /**
     * The byte that stands for this field in the associated data.
     *
     * @return the field's tag byte, 0 to 255
     */
    public int tag() {
        return tag;
    }
}
