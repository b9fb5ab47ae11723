package io.cephsmb.dcerpc.ndr;

import io.cephsmb.dcerpc.ndr.NdrType.ArrayKind;
import io.cephsmb.dcerpc.ndr.NdrType.ArrayType;
import io.cephsmb.dcerpc.ndr.NdrType.PointerKind;
import io.cephsmb.dcerpc.ndr.NdrType.PointerType;
import io.cephsmb.dcerpc.ndr.NdrType.StructType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes values described by {@link NdrType}s. Embedded pointers write a referent id where they
 * stand and their pointee is deferred ([C706] 14.3.12.3): after the top-level construct's scalars,
 * pointees follow in order, each pointee's own deferred pointees right after it.
 */
final class NdrMarshaller {
  /** A pointee waiting for its turn. */
  private record Deferred(NdrType type, Object value) {}

  private final NdrWriter w = new NdrWriter();
  private final IdentityHashMap<Object, Integer> fullPointers = new IdentityHashMap<>();
  private int nextReferentId = 0x00020000;

  /**
   * Writes one operation parameter ([C706] 14.3.11: a top-level [ref] pointer is its pointee; any
   * other top-level pointer writes its referent id and then the pointee).
   */
  void parameter(NdrType type, Object value) {
    if (type instanceof PointerType p && p.kind() == PointerKind.REF) {
      require(value != null, "a [ref] parameter cannot be null");
      construct(p.pointee(), value);
    } else {
      construct(type, value);
    }
  }

  /** Writes one complete construct: its scalars, then everything its pointers point to. */
  void construct(NdrType type, Object value) {
    List<Deferred> deferred = new ArrayList<>();
    scalars(type, value, deferred, false);
    flush(deferred);
  }

  byte[] toByteArray() {
    return w.toByteArray();
  }

  private void flush(List<Deferred> deferred) {
    for (Deferred d : deferred) {
      List<Deferred> inner = new ArrayList<>();
      scalars(d.type, d.value, inner, false);
      flush(inner);
    }
  }

  private void scalars(NdrType type, Object value, List<Deferred> deferred, boolean inStruct) {
    if (type instanceof NdrType.Primitive p) {
      w.primitive(p, number(value, p.name()));
    } else if (type instanceof NdrType.EnumType e) {
      w.primitive(
          e.v1Enum() ? NdrType.Primitive.U32 : NdrType.Primitive.U16, number(value, "enum"));
    } else if (type instanceof NdrType.EmptyType) {
      return;
    } else if (type instanceof NdrType.ContextHandleType) {
      ContextHandle h = cast(value, ContextHandle.class, "context handle");
      w.u32(h.attributes());
      w.uuid(h.uuid());
    } else if (type instanceof PointerType p) {
      pointer(p, value, deferred);
    } else if (type instanceof NdrType.StringType) {
      string(cast(value, String.class, "string"), inStruct);
    } else if (type instanceof ArrayType a) {
      array(a, value, deferred, inStruct);
    } else if (type instanceof StructType s) {
      struct(s, value, deferred, inStruct);
    } else if (type instanceof NdrType.UnionType u) {
      UnionValue v = cast(value, UnionValue.class, "union " + u.name());
      NdrType arm = u.arm(v.discriminant());
      require(arm != null, "union " + u.name() + " has no arm " + v.discriminant());
      w.align(Alignment.of(u));
      w.primitive(u.discriminant(), v.discriminant());
      scalars(arm, v.arm(), deferred, false);
    }
  }

  private void pointer(PointerType p, Object value, List<Deferred> deferred) {
    if (value == null) {
      require(p.kind() != PointerKind.REF, "a [ref] pointer cannot be null");
      w.u32(0);
      return;
    }
    if (p.kind() == PointerKind.FULL) {
      Integer seen = fullPointers.get(value);
      if (seen != null) {
        w.u32(seen);
        return;
      }
      fullPointers.put(value, nextReferentId);
    }
    w.u32(nextReferentId);
    nextReferentId += 4;
    deferred.add(new Deferred(p.pointee(), value));
  }

  private void string(String s, boolean conformanceWritten) {
    int count = s.length() + 1;
    if (!conformanceWritten) {
      w.u32(count);
    }
    w.u32(0);
    w.u32(count);
    w.utf16(s);
    w.primitive(NdrType.Primitive.U16, 0);
  }

  private void array(ArrayType a, Object value, List<Deferred> deferred, boolean inStruct) {
    ArrayKind kind = a.kind();
    List<?> items;
    long max;
    if (value instanceof SizedList sized) {
      require(kind == ArrayKind.CONFORMANT_VARYING, "a SizedList needs a conformant varying array");
      items = sized.items();
      max = sized.maxCount();
    } else {
      items = list(value);
      max = items.size();
    }
    if (kind == ArrayKind.FIXED || kind == ArrayKind.VARYING) {
      require(
          kind == ArrayKind.FIXED ? items.size() == a.size() : items.size() <= a.size(),
          "array of " + a.size() + " given " + items.size() + " elements");
    }
    if ((kind == ArrayKind.CONFORMANT || kind == ArrayKind.CONFORMANT_VARYING) && !inStruct) {
      w.u32(max);
    }
    if (kind == ArrayKind.VARYING || kind == ArrayKind.CONFORMANT_VARYING) {
      w.u32(0);
      w.u32(items.size());
    }
    w.align(Alignment.of(a.element()));
    for (Object item : items) {
      scalars(a.element(), item, deferred, false);
    }
  }

  private void struct(
      StructType s, Object value, List<Deferred> deferred, boolean conformanceWritten) {
    Map<?, ?> map = cast(value, Map.class, "struct " + s.name());
    if (s.isConformant() && !conformanceWritten) {
      w.u32(conformance(s, map));
    }
    w.align(Alignment.of(s));
    List<NdrType.Field> fields = s.fields();
    for (int i = 0; i < fields.size(); i++) {
      NdrType.Field f = fields.get(i);
      Object v = map.get(f.name());
      require(v != null || map.containsKey(f.name()), "struct " + s.name() + " lacks " + f.name());
      scalars(f.type(), v, deferred, i == fields.size() - 1 && s.isConformant());
    }
  }

  /** The maximum count of a conformant structure's last member. */
  private static long conformance(StructType s, Map<?, ?> map) {
    NdrType.Field last = s.fields().get(s.fields().size() - 1);
    Object v = map.get(last.name());
    if (last.type() instanceof StructType inner) {
      return conformance(inner, cast(v, Map.class, "struct " + inner.name()));
    }
    if (last.type() instanceof NdrType.StringType) {
      return cast(v, String.class, "string").length() + 1L;
    }
    if (v instanceof SizedList sized) {
      return sized.maxCount();
    }
    return list(v).size();
  }

  private static long number(Object v, String what) {
    return cast(v, Number.class, what).longValue();
  }

  private static List<?> list(Object v) {
    return cast(v, List.class, "array");
  }

  private static <T> T cast(Object v, Class<T> type, String what) {
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException(what + " needs a " + type.getSimpleName() + ", not " + v);
    }
    return type.cast(v);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
