package dev.missive.osms.wire;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Our implementation of the subset of Go's {@code encoding/gob} that OSMS needs (see
 * {@code docs/osms.md} §Gob): unsigned and signed varints, type definitions (struct, slice, array,
 * map, self-encoding types), structs with field-number deltas and zero-value omission, strings,
 * byte slices, integers, booleans, floats, and {@code big.Int}'s own encoding. Interface values are
 * outside the subset and refused.
 *
 * <p>Decoding needs no schema: values come out as a generic tree ({@link Map} for structs, keyed by
 * Go field name; {@link List} for slices and arrays; {@code byte[]}, {@link String}, {@link Long},
 * {@link Boolean}, {@link Double}), so fields and types a reader does not know are skipped by
 * simply not being read. Encoding takes a {@link GobType} and a value of the same shape.
 */
public final class Gob {

    /** First type id of user-defined types. */
    public static final int FIRST_USER_ID = 65;

    /** Largest message accepted. */
    public static final int MAX_MESSAGE = 1 << 20;

    private static final int MAX_DEPTH = 32;
    private static final int MAX_TYPES = 256;

    // Type ids of the wire-type structs themselves (Go's encoding/gob/type.go).
    private static final int WIRE_TYPE = 16;

    private Gob() {}

    /**
     * A decoded top-level value.
     *
     * @param type  its type
     * @param value the value in the generic tree form
     */
    public record Decoded(GobType type, Object value) {}

    /**
     * Decodes one Gob stream (as one Go {@code Encoder} wrote it): type definitions are remembered
     * for the life of this decoder.
     */
    public static final class Decoder {
        private final byte[] in;
        private int pos;
        private int end;
        private final Map<Integer, GobType> types = new HashMap<>();

        /**
         * Starts reading a stream.
         *
         * @param stream the bytes
         */
        public Decoder(byte[] stream) {
            this.in = Objects.requireNonNull(stream, "stream");
        }

        /**
         * Whether the stream has more to read.
         *
         * @return true if unread bytes remain
         */
        public boolean hasMore() {
            return pos < in.length;
        }

        /**
         * Reads messages until the next value.
         *
         * @return the value, empty at the end of the stream
         * @throws GobException if the stream is malformed
         */
        public Optional<Decoded> next() throws GobException {
            while (pos < in.length) {
                end = in.length;
                long length = uint();
                if (length < 1 || length > MAX_MESSAGE || length > in.length - pos) {
                    throw new GobException("message length out of range");
                }
                end = pos + (int) length;
                long id = signed();
                if (id < 0) {
                    defineType(-id);
                } else {
                    GobType type = resolve(id, 0);
                    Object value;
                    if (type instanceof GobType.Struct s) {
                        value = struct(s, 0);
                    } else {
                        if (uint() != 0) {
                            throw new GobException("non-zero delta before a singleton value");
                        }
                        value = value(type, 0);
                    }
                    if (pos != end) {
                        throw new GobException("extra bytes after a value");
                    }
                    return Optional.of(new Decoded(type, value));
                }
                if (pos != end) {
                    throw new GobException("extra bytes after a type definition");
                }
            }
            return Optional.empty();
        }

        private void defineType(long id) throws GobException {
            if (id < FIRST_USER_ID || id > Integer.MAX_VALUE || types.containsKey((int) id)) {
                throw new GobException("bad or repeated type id in a definition");
            }
            if (types.size() >= MAX_TYPES) {
                throw new GobException("too many types");
            }
            // wireType: one of ArrayT 0, SliceT 1, StructT 2, MapT 3, GobEncoderT 4, BinaryMarshalerT 5, TextMarshalerT
            // 6.
            long field = uint() - 1;
            GobType type;
            if (field == 0) {
                type = arrayType();
            } else if (field == 1) {
                type = sliceType();
            } else if (field == 2) {
                type = structType();
            } else if (field == 3) {
                type = mapType();
            } else if (field >= 4 && field <= 6) {
                type = new GobType.Opaque(commonTypeStruct(), (int) field);
            } else {
                throw new GobException("unknown wire type kind");
            }
            if (uint() != 0) {
                throw new GobException("wireType has more than one field");
            }
            types.put((int) id, type);
        }

        /** Reads a struct that begins with an embedded CommonType (field 0) and returns its name. */
        private String commonTypeStruct() throws GobException {
            String name = "";
            long field = -1;
            while (true) {
                long delta = uint();
                if (delta == 0) {
                    return name;
                }
                field += delta;
                if (field == 0) {
                    name = commonType();
                } else {
                    throw new GobException("unexpected field in a type definition");
                }
            }
        }

        /** CommonType{Name string; Id typeId}: returns the name (the id repeats the definition's). */
        private String commonType() throws GobException {
            String name = "";
            long field = -1;
            while (true) {
                long delta = uint();
                if (delta == 0) {
                    return name;
                }
                field += delta;
                if (field == 0) {
                    name = string();
                } else if (field == 1) {
                    signed();
                } else {
                    throw new GobException("unexpected field in CommonType");
                }
            }
        }

        private GobType arrayType() throws GobException {
            String name = "";
            GobType elem = null;
            long length = 0;
            long field = -1;
            while (true) {
                long delta = uint();
                if (delta == 0) {
                    break;
                }
                field += delta;
                switch ((int) Math.min(field, 3)) {
                    case 0 -> name = commonType();
                    case 1 -> elem = typeRef(signed());
                    case 2 -> length = signed();
                    default -> throw new GobException("unexpected field in arrayType");
                }
            }
            if (elem == null || length < 0 || length > MAX_MESSAGE) {
                throw new GobException("incomplete arrayType");
            }
            return new GobType.Array(name, elem, (int) length);
        }

        private GobType sliceType() throws GobException {
            String name = "";
            GobType elem = null;
            long field = -1;
            while (true) {
                long delta = uint();
                if (delta == 0) {
                    break;
                }
                field += delta;
                switch ((int) Math.min(field, 2)) {
                    case 0 -> name = commonType();
                    case 1 -> elem = typeRef(signed());
                    default -> throw new GobException("unexpected field in sliceType");
                }
            }
            if (elem == null) {
                throw new GobException("incomplete sliceType");
            }
            return new GobType.Slice(name, elem);
        }

        private GobType mapType() throws GobException {
            String name = "";
            GobType key = null;
            GobType elem = null;
            long field = -1;
            while (true) {
                long delta = uint();
                if (delta == 0) {
                    break;
                }
                field += delta;
                switch ((int) Math.min(field, 3)) {
                    case 0 -> name = commonType();
                    case 1 -> key = typeRef(signed());
                    case 2 -> elem = typeRef(signed());
                    default -> throw new GobException("unexpected field in mapType");
                }
            }
            if (key == null || elem == null) {
                throw new GobException("incomplete mapType");
            }
            return new GobType.MapType(name, key, elem);
        }

        private GobType structType() throws GobException {
            String name = "";
            List<GobType.Field> fields = new ArrayList<>();
            long field = -1;
            while (true) {
                long delta = uint();
                if (delta == 0) {
                    break;
                }
                field += delta;
                if (field == 0) {
                    name = commonType();
                } else if (field == 1) {
                    long count = uint();
                    if (count > end - pos) {
                        throw new GobException("field count exceeds the message");
                    }
                    for (long i = 0; i < count; i++) {
                        fields.add(fieldType());
                    }
                } else {
                    throw new GobException("unexpected field in structType");
                }
            }
            return new GobType.Struct(name, fields);
        }

        private GobType.Field fieldType() throws GobException {
            String name = "";
            GobType type = null;
            long field = -1;
            while (true) {
                long delta = uint();
                if (delta == 0) {
                    break;
                }
                field += delta;
                switch ((int) Math.min(field, 2)) {
                    case 0 -> name = string();
                    case 1 -> type = typeRef(signed());
                    default -> throw new GobException("unexpected field in fieldType");
                }
            }
            if (type == null || name.isEmpty()) {
                throw new GobException("incomplete fieldType");
            }
            return new GobType.Field(name, type);
        }

        private GobType typeRef(long id) throws GobException {
            if (id <= 0 || id > Integer.MAX_VALUE) {
                throw new GobException("bad type id");
            }
            return basic((int) id).orElse(new GobType.Ref((int) id));
        }

        private GobType resolve(long id, int depth) throws GobException {
            if (id <= 0 || id > Integer.MAX_VALUE) {
                throw new GobException("bad type id");
            }
            Optional<GobType> basic = basic((int) id);
            if (basic.isPresent()) {
                return basic.get();
            }
            GobType type = types.get((int) id);
            if (type == null) {
                throw new GobException("value of an undefined type");
            }
            return type;
        }

        private Object value(GobType type, int depth) throws GobException {
            if (depth > MAX_DEPTH) {
                throw new GobException("nesting too deep");
            }
            if (type instanceof GobType.Ref ref) {
                return value(resolve(ref.id(), depth), depth + 1);
            }
            if (type instanceof GobType.Basic basic) {
                return switch (basic.id()) {
                    case 1 -> {
                        long v = uint();
                        if (v > 1) {
                            throw new GobException("bool out of range");
                        }
                        yield v == 1;
                    }
                    case 2 -> signed();
                    case 3 -> uint();
                    case 4 -> floatValue();
                    case 5 -> bytes();
                    case 6 -> string();
                    case 7 -> new double[] {floatValue(), floatValue()};
                    default -> throw new GobException("interface values are outside the supported subset");
                };
            }
            if (type instanceof GobType.Struct s) {
                return struct(s, depth + 1);
            }
            if (type instanceof GobType.Slice s) {
                long count = uint();
                if (count > end - pos) {
                    throw new GobException("element count exceeds the message");
                }
                List<Object> out = new ArrayList<>();
                for (long i = 0; i < count; i++) {
                    out.add(value(s.elem(), depth + 1));
                }
                return out;
            }
            if (type instanceof GobType.Array a) {
                long count = uint();
                if (count != a.length() || count > end - pos) {
                    throw new GobException("array length mismatch");
                }
                List<Object> out = new ArrayList<>();
                for (long i = 0; i < count; i++) {
                    out.add(value(a.elem(), depth + 1));
                }
                return out;
            }
            if (type instanceof GobType.MapType m) {
                long count = uint();
                if (count > end - pos) {
                    throw new GobException("entry count exceeds the message");
                }
                Map<Object, Object> out = new LinkedHashMap<>();
                for (long i = 0; i < count; i++) {
                    Object key = value(m.key(), depth + 1);
                    out.put(
                            key instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : key,
                            value(m.elem(), depth + 1));
                }
                return out;
            }
            // Opaque: the type's own encoding as a byte string.
            return bytes();
        }

        private Map<String, Object> struct(GobType.Struct type, int depth) throws GobException {
            if (depth > MAX_DEPTH) {
                throw new GobException("nesting too deep");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            long field = -1;
            while (true) {
                long delta = uint();
                if (delta == 0) {
                    return out;
                }
                field += delta;
                if (field >= type.fields().size()) {
                    throw new GobException("field number out of range");
                }
                GobType.Field f = type.fields().get((int) field);
                out.put(f.name(), value(f.type(), depth + 1));
            }
        }

        private double floatValue() throws GobException {
            return Double.longBitsToDouble(Long.reverseBytes(uint()));
        }

        private byte[] bytes() throws GobException {
            long length = uint();
            if (length > end - pos) {
                throw new GobException("byte string exceeds the message");
            }
            byte[] out = Arrays.copyOfRange(in, pos, pos + (int) length);
            pos += (int) length;
            return out;
        }

        private String string() throws GobException {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes()))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new GobException("string is not UTF-8");
            }
        }

        /** Go's unsigned encoding; values above 2^63-1 come back as negative longs (two's complement). */
        private long uint() throws GobException {
            if (pos >= end) {
                throw new GobException("truncated");
            }
            int first = in[pos++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int n = 256 - first;
            if (n > 8 || n > end - pos) {
                throw new GobException("bad unsigned integer");
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (in[pos++] & 0xff);
            }
            return v;
        }

        private long signed() throws GobException {
            long u = uint();
            return (u & 1) != 0 ? ~(u >>> 1) : (u >>> 1);
        }
    }

    private static Optional<GobType> basic(int id) {
        return Optional.ofNullable(
                switch (id) {
                    case 1 -> GobType.BOOL;
                    case 2 -> GobType.INT;
                    case 3 -> GobType.UINT;
                    case 4 -> GobType.FLOAT;
                    case 5 -> GobType.BYTES;
                    case 6 -> GobType.STRING;
                    case 7 -> GobType.COMPLEX;
                    case 8 -> new GobType.Basic(8, "interface");
                    default -> null;
                });
    }

    /**
     * Encodes values onto one Gob stream as Go's {@code Encoder} does: a user type's definition is
     * sent once, before its first value, outer type first, ids assigned depth-first from 65.
     */
    public static final class Encoder {
        private final Map<GobType, Integer> ids = new HashMap<>();
        private final List<GobType> order = new ArrayList<>();
        private final java.util.Set<GobType> sent = new java.util.HashSet<>();
        private int nextId = FIRST_USER_ID;

        /** A new stream. */
        public Encoder() {}

        /**
         * Encodes one top-level value, preceded by any type definitions not sent yet.
         *
         * @param type  the value's type (no {@link GobType.Ref}s)
         * @param value the value in the generic tree form (struct: a map by field name, absent or
         *              zero fields omitted)
         * @return the bytes to append to the stream
         */
        public byte[] encode(GobType type, Object value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assign(type);
            sendDefinitions(type, out);
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            writeSigned(message, id(type));
            if (type instanceof GobType.Struct s) {
                writeStruct(message, s, value);
            } else {
                writeUint(message, 0);
                writeValue(message, type, value);
            }
            writeUint(out, message.size());
            out.writeBytes(message.toByteArray());
            return out.toByteArray();
        }

        private void assign(GobType type) {
            if (type instanceof GobType.Basic || ids.containsKey(type)) {
                return;
            }
            ids.put(type, nextId++);
            order.add(type);
            for (GobType inner : inner(type)) {
                assign(inner);
            }
        }

        private void sendDefinitions(GobType type, ByteArrayOutputStream out) {
            if (type instanceof GobType.Basic || !sent.add(type)) {
                return;
            }
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            writeSigned(message, -id(type));
            writeWireType(message, type);
            writeUint(out, message.size());
            out.writeBytes(message.toByteArray());
            for (GobType inner : inner(type)) {
                sendDefinitions(inner, out);
            }
        }

        private static List<GobType> inner(GobType type) {
            return switch (type) {
                case GobType.Struct s ->
                    s.fields().stream().map(GobType.Field::type).toList();
                case GobType.Slice s -> List.of(s.elem());
                case GobType.Array a -> List.of(a.elem());
                case GobType.MapType m -> List.of(m.key(), m.elem());
                default -> List.of();
            };
        }

        private int id(GobType type) {
            if (type instanceof GobType.Basic b) {
                return b.id();
            }
            if (type instanceof GobType.Ref) {
                throw new IllegalArgumentException("the encoder needs resolved types");
            }
            return ids.get(type);
        }

        private void writeWireType(ByteArrayOutputStream m, GobType type) {
            switch (type) {
                case GobType.Array a -> {
                    writeUint(m, 1); // field 0 ArrayT
                    writeUint(m, 1);
                    writeCommon(m, a.name(), id(a));
                    writeUint(m, 1);
                    writeSigned(m, id(a.elem()));
                    if (a.length() != 0) {
                        writeUint(m, 1);
                        writeSigned(m, a.length());
                    }
                    writeUint(m, 0);
                }
                case GobType.Slice s -> {
                    writeUint(m, 2); // field 1 SliceT
                    writeUint(m, 1);
                    writeCommon(m, s.name(), id(s));
                    writeUint(m, 1);
                    writeSigned(m, id(s.elem()));
                    writeUint(m, 0);
                }
                case GobType.Struct s -> {
                    writeUint(m, 3); // field 2 StructT
                    writeUint(m, 1);
                    writeCommon(m, s.name(), id(s));
                    if (!s.fields().isEmpty()) {
                        writeUint(m, 1);
                        writeUint(m, s.fields().size());
                        for (GobType.Field f : s.fields()) {
                            writeUint(m, 1);
                            writeString(m, f.name());
                            writeUint(m, 1);
                            writeSigned(m, id(f.type()));
                            writeUint(m, 0);
                        }
                    }
                    writeUint(m, 0);
                }
                case GobType.MapType t -> {
                    writeUint(m, 4); // field 3 MapT
                    writeUint(m, 1);
                    writeCommon(m, t.name(), id(t));
                    writeUint(m, 1);
                    writeSigned(m, id(t.key()));
                    writeUint(m, 1);
                    writeSigned(m, id(t.elem()));
                    writeUint(m, 0);
                }
                case GobType.Opaque o -> {
                    writeUint(m, o.kind() + 1);
                    writeUint(m, 1);
                    writeCommon(m, o.name(), id(o));
                    writeUint(m, 0);
                }
                default -> throw new IllegalArgumentException("not a user type");
            }
            writeUint(m, 0);
        }

        private static void writeCommon(ByteArrayOutputStream m, String name, int id) {
            if (!name.isEmpty()) {
                writeUint(m, 1);
                writeString(m, name);
                writeUint(m, 1);
            } else {
                writeUint(m, 2);
            }
            writeSigned(m, id);
            writeUint(m, 0);
        }

        private void writeStruct(ByteArrayOutputStream m, GobType.Struct type, Object value) {
            Map<?, ?> fields = (Map<?, ?>) value;
            int last = -1;
            for (int i = 0; i < type.fields().size(); i++) {
                GobType.Field f = type.fields().get(i);
                Object v = fields.get(f.name());
                if (isZero(f.type(), v)) {
                    continue;
                }
                writeUint(m, i - last);
                last = i;
                writeValue(m, f.type(), v);
            }
            writeUint(m, 0);
        }

        private static boolean isZero(GobType type, Object v) {
            if (v == null) {
                return true;
            }
            return switch (v) {
                case String s -> s.isEmpty();
                case byte[] b -> b.length == 0 && !(type instanceof GobType.Opaque);
                case Long l -> l == 0;
                case Integer i -> i == 0;
                case Boolean b -> !b;
                case Double d -> Double.doubleToRawLongBits(d) == 0;
                case List<?> l -> l.isEmpty() && type instanceof GobType.Slice;
                case Map<?, ?> map -> map.isEmpty() && type instanceof GobType.MapType;
                default -> false;
            };
        }

        private void writeValue(ByteArrayOutputStream m, GobType type, Object v) {
            switch (type) {
                case GobType.Basic b -> {
                    switch (b.id()) {
                        case 1 -> writeUint(m, ((Boolean) v) ? 1 : 0);
                        case 2 -> writeSigned(m, ((Number) v).longValue());
                        case 3 -> writeUint(m, ((Number) v).longValue());
                        case 4 ->
                            writeUint(m, Long.reverseBytes(Double.doubleToRawLongBits(((Number) v).doubleValue())));
                        case 5 -> writeBytes(m, (byte[]) v);
                        case 6 -> writeString(m, (String) v);
                        case 7 -> {
                            double[] c = (double[]) v;
                            writeUint(m, Long.reverseBytes(Double.doubleToRawLongBits(c[0])));
                            writeUint(m, Long.reverseBytes(Double.doubleToRawLongBits(c[1])));
                        }
                        default -> throw new IllegalArgumentException("interface values are outside the subset");
                    }
                }
                case GobType.Struct s -> writeStruct(m, s, v);
                case GobType.Slice s -> {
                    List<?> list = (List<?>) v;
                    writeUint(m, list.size());
                    for (Object e : list) {
                        writeValue(m, s.elem(), e);
                    }
                }
                case GobType.Array a -> {
                    List<?> list = (List<?>) v;
                    if (list.size() != a.length()) {
                        throw new IllegalArgumentException("array length mismatch");
                    }
                    writeUint(m, list.size());
                    for (Object e : list) {
                        writeValue(m, a.elem(), e);
                    }
                }
                case GobType.MapType t -> {
                    Map<?, ?> map = (Map<?, ?>) v;
                    writeUint(m, map.size());
                    for (var e : map.entrySet()) {
                        writeValue(m, t.key(), e.getKey());
                        writeValue(m, t.elem(), e.getValue());
                    }
                }
                case GobType.Opaque o -> writeBytes(m, (byte[]) v);
                case GobType.Ref r -> throw new IllegalArgumentException("the encoder needs resolved types");
            }
        }
    }

    /**
     * Go's unsigned integer encoding.
     *
     * @param out   where to write
     * @param value the value (treated as unsigned 64-bit)
     */
    static void writeUint(ByteArrayOutputStream out, long value) {
        if (value >= 0 && value < 0x80) {
            out.write((int) value);
            return;
        }
        int n = 8 - Long.numberOfLeadingZeros(value) / 8;
        out.write(256 - n);
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    /**
     * Go's signed integer encoding.
     *
     * @param out   where to write
     * @param value the value
     */
    static void writeSigned(ByteArrayOutputStream out, long value) {
        writeUint(out, value < 0 ? (~value << 1) | 1 : value << 1);
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        writeUint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(s));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            writeBytes(out, bytes);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a Gob string must be valid Unicode (no lone surrogates)");
        }
    }

    /**
     * {@code math/big.Int}'s own Gob encoding: a byte (version 1 shifted left once, or'ed with 1 for
     * negative values) followed by the big-endian magnitude.
     *
     * @param value the integer
     * @return the opaque bytes
     */
    public static byte[] encodeBigInt(BigInteger value) {
        byte[] magnitude = value.abs().toByteArray();
        int skip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        if (value.signum() == 0) {
            return new byte[] {2};
        }
        byte[] out = new byte[1 + magnitude.length - skip];
        out[0] = (byte) (2 | (value.signum() < 0 ? 1 : 0));
        System.arraycopy(magnitude, skip, out, 1, magnitude.length - skip);
        return out;
    }

    /**
     * Decodes {@code math/big.Int}'s own Gob encoding.
     *
     * @param bytes the opaque bytes
     * @return the integer
     * @throws GobException if the version byte is not 1
     */
    public static BigInteger decodeBigInt(byte[] bytes) throws GobException {
        if (bytes.length == 0) {
            return BigInteger.ZERO;
        }
        if ((bytes[0] >> 1) != 1) {
            throw new GobException("unsupported big.Int encoding version");
        }
        BigInteger magnitude = new BigInteger(1, Arrays.copyOfRange(bytes, 1, bytes.length));
        return (bytes[0] & 1) != 0 ? magnitude.negate() : magnitude;
    }
}
