package io.cephsmb.dcerpc.ndr;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A type of the NDR type model ([C706] 14.2 and 14.3). Values: {@link Primitive} and {@link
 * EnumType} as {@link Number}, {@link StructType} as {@code Map<String, Object>} (a null value for
 * a null pointer), arrays as {@code List<Object>}, {@link StringType} as {@link String}, {@link
 * PointerType} as its pointee's value or null, {@link UnionType} as {@link UnionValue}, {@link
 * ContextHandleType} as {@link ContextHandle}.
 */
public sealed interface NdrType
    permits NdrType.Primitive,
        NdrType.EnumType,
        NdrType.StructType,
        NdrType.PointerType,
        NdrType.ArrayType,
        NdrType.StringType,
        NdrType.UnionType,
        NdrType.ContextHandleType,
        NdrType.EmptyType {

  /** [C706] 14.2 primitive types with their size (= alignment in NDR20). */
  enum Primitive implements NdrType {
    /** unsigned small / byte / boolean / char. */
    U8(1),
    /** unsigned short / wchar_t. */
    U16(2),
    /** unsigned long / DWORD. */
    U32(4),
    /** hyper, aligned to 8. */
    U64(8);

    private final int size;

    Primitive(int size) {
      this.size = size;
    }

    /** Wire size and alignment. */
    public int size() {
      return size;
    }
  }

  /** [C706] 14.2.9 enumerated type: 16 bits on the wire, 32 bits with [v1_enum]. */
  record EnumType(String name, boolean v1Enum) implements NdrType {}

  /** One structure member. */
  record Field(String name, NdrType type) {
    public Field {
      Objects.requireNonNull(name);
      Objects.requireNonNull(type);
    }
  }

  /**
   * [C706] 14.3.6 structure; a structure whose last member is conformant is a conformant structure
   * (14.3.7) and carries that member's maximum count first.
   */
  record StructType(String name, List<Field> fields) implements NdrType {
    public StructType {
      fields = List.copyOf(fields);
      if (fields.isEmpty()) {
        throw new IllegalArgumentException("a structure has members: " + name);
      }
      for (int i = 0; i < fields.size() - 1; i++) {
        if (Alignment.isConformant(fields.get(i).type())) {
          throw new IllegalArgumentException("only the last member may be conformant: " + name);
        }
      }
    }

    /** True if the last member is conformant. */
    public boolean isConformant() {
      return Alignment.isConformant(fields.get(fields.size() - 1).type());
    }
  }

  /** [C706] 14.3.10 pointer kinds. */
  enum PointerKind {
    /** [ref]: never null, no aliasing; top-level has no wire representation. */
    REF,
    /** [unique]: may be null, no aliasing. */
    UNIQUE,
    /** [ptr]: may be null, aliases share one referent id. */
    FULL
  }

  /** [C706] 14.3.10 a pointer to {@code pointee}. */
  record PointerType(PointerKind kind, NdrType pointee) implements NdrType {}

  /** [C706] 14.3.3 array kinds. */
  enum ArrayKind {
    /** Fixed size, no counts on the wire. */
    FIXED,
    /** Maximum count first (14.3.3.2). */
    CONFORMANT,
    /** Offset and actual count first, fixed maximum (14.3.3.3). */
    VARYING,
    /** Maximum count, offset, actual count (14.3.3.4). */
    CONFORMANT_VARYING
  }

  /** An array of {@code element}; {@code size} is the fixed size or maximum (FIXED, VARYING). */
  record ArrayType(ArrayKind kind, NdrType element, int size) implements NdrType {}

  /**
   * [C706] 14.3.4 a [string] of wchar_t: conformant and varying, UTF-16LE, the NUL terminator
   * counted and sent.
   */
  record StringType() implements NdrType {}

  /**
   * [C706] 14.3.8 a discriminated union: the discriminant ({@code switch_type}) on the wire, then
   * the arm for its value. {@code defaultArm} may be null (no default: an unknown discriminant is
   * an error).
   */
  record UnionType(String name, Primitive discriminant, Map<Long, NdrType> arms, NdrType defaultArm)
      implements NdrType {
    public UnionType {
      arms = Map.copyOf(arms);
    }

    /** The arm for {@code value}, or null. */
    public NdrType arm(long value) {
      NdrType arm = arms.get(value);
      return arm != null ? arm : defaultArm;
    }
  }

  /** A context handle ([C706] ndr_context_handle): 4 octets of attributes and a UUID, 20 octets. */
  record ContextHandleType() implements NdrType {}

  /** A union arm with no data ({@code [case(x)] ;}). */
  record EmptyType() implements NdrType {}
}
