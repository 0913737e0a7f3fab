package dev.missive.osms.wire;

import java.util.List;
import java.util.Objects;

/**
 * A Gob type as our codec knows it: one of Go's predefined types, or a user type (struct, slice,
 * array, map, or a type that encodes itself such as {@code big.Int}) described by a wire type.
 */
public sealed interface GobType {

    /** Go {@code bool} (type id 1). */
    Basic BOOL = new Basic(1, "bool");
    /** Go {@code int}, any signed integer (type id 2). */
    Basic INT = new Basic(2, "int");
    /** Go {@code uint}, any unsigned integer (type id 3). */
    Basic UINT = new Basic(3, "uint");
    /** Go {@code float64} (type id 4). */
    Basic FLOAT = new Basic(4, "float");
    /** Go {@code []byte} (type id 5). */
    Basic BYTES = new Basic(5, "[]byte");
    /** Go {@code string} (type id 6). */
    Basic STRING = new Basic(6, "string");
    /** Go {@code complex128} (type id 7). */
    Basic COMPLEX = new Basic(7, "complex");

    /**
     * The Go type name sent in the definition.
     *
     * @return the name
     */
    String name();

    /**
     * A predefined type.
     *
     * @param id   its fixed type id
     * @param name its name
     */
    record Basic(int id, String name) implements GobType {}

    /**
     * A struct field.
     *
     * @param name the exported Go field name (matching on receipt is by this name)
     * @param type the field's type
     */
    record Field(String name, GobType type) {
        /** Validates. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A struct type.
     *
     * @param name   the Go type name
     * @param fields the exported fields in declaration order
     */
    record Struct(String name, List<Field> fields) implements GobType {
        /** Validates and copies. */
        public Struct {
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
        }
    }

    /**
     * A slice type other than {@code []byte}.
     *
     * @param name the Go type name (e.g. {@code []string})
     * @param elem the element type
     */
    record Slice(String name, GobType elem) implements GobType {}

    /**
     * An array type.
     *
     * @param name   the Go type name
     * @param elem   the element type
     * @param length the fixed length
     */
    record Array(String name, GobType elem, int length) implements GobType {}

    /**
     * A map type.
     *
     * @param name the Go type name
     * @param key  the key type
     * @param elem the value type
     */
    record MapType(String name, GobType key, GobType elem) implements GobType {}

    /**
     * A type that encodes itself ({@code GobEncoder}, {@code BinaryMarshaler} or
     * {@code TextMarshaler}, e.g. {@code big.Int}): its values are opaque byte strings.
     *
     * @param name the Go type name
     * @param kind which interface: 4 GobEncoder, 5 BinaryMarshaler, 6 TextMarshaler (the wireType
     *             field index)
     */
    record Opaque(String name, int kind) implements GobType {}

    /**
     * A type the stream refers to by id before (or without) defining it; resolved on use.
     *
     * @param id the type id
     */
    record Ref(int id) implements GobType {
        @Override
        public String name() {
            return "#" + id;
        }
    }
}
