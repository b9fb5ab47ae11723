package io.cephsmb.dcerpc.ndr;

import io.cephsmb.dcerpc.ndr.NdrType.ArrayKind;
import io.cephsmb.dcerpc.ndr.NdrType.ArrayType;
import io.cephsmb.dcerpc.ndr.NdrType.StructType;

/** [C706] 14.2.2 and 14.3 alignment of constructed types, and conformance. */
final class Alignment {
  private Alignment() {}

  /** The alignment of {@code type} in NDR20. */
  static int of(NdrType type) {
    if (type instanceof NdrType.Primitive p) {
      return p.size();
    } else if (type instanceof NdrType.EnumType e) {
      return e.v1Enum() ? 4 : 2;
    } else if (type instanceof NdrType.EmptyType) {
      return 1;
    } else if (type instanceof ArrayType a) {
      return a.kind() == ArrayKind.FIXED ? of(a.element()) : Math.max(4, of(a.element()));
    } else if (type instanceof StructType s) {
      int max = s.isConformant() ? 4 : 1;
      for (NdrType.Field f : s.fields()) {
        max = Math.max(max, of(f.type()));
      }
      return max;
    } else if (type instanceof NdrType.UnionType u) {
      int max = u.discriminant().size();
      for (NdrType arm : u.arms().values()) {
        max = Math.max(max, of(arm));
      }
      return u.defaultArm() == null ? max : Math.max(max, of(u.defaultArm()));
    }
    return 4; // pointers, strings, context handles
  }

  /** True if {@code type} has a conformant (maximum count) part of its own. */
  static boolean isConformant(NdrType type) {
    if (type instanceof ArrayType a) {
      return a.kind() == ArrayKind.CONFORMANT || a.kind() == ArrayKind.CONFORMANT_VARYING;
    } else if (type instanceof StructType s) {
      return s.isConformant();
    }
    return type instanceof NdrType.StringType;
  }
}
