package io.cephsmb.dcerpc.ndr;

import io.cephsmb.dcerpc.ndr.NdrType.ArrayKind;
import io.cephsmb.dcerpc.ndr.NdrType.ArrayType;
import io.cephsmb.dcerpc.ndr.NdrType.PointerKind;
import io.cephsmb.dcerpc.ndr.NdrType.PointerType;
import io.cephsmb.dcerpc.ndr.NdrType.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads values described by {@link NdrType}s in the order {@link NdrMarshaller} writes them. Every
 * value is handed to a sink; a pointer's sink runs when its deferred pointee is read. Counts are
 * checked against the bytes left before anything is allocated, so a stub that lies fails with
 * {@link NdrException}.
 */
final class NdrUnmarshaller {
  /** Nesting of pointees beyond which a stub is refused (no unbounded recursion). */
  static final int MAX_DEPTH = 64;

  private record Deferred(NdrType type, Consumer<Object> sink) {}

  private final NdrReader r;
  private final Map<Long, Object> fullPointers = new HashMap<>();
  private final Map<Long, List<Consumer<Object>>> fullPointerWaiters = new HashMap<>();
  private int depth;

  NdrUnmarshaller(byte[] stub) {
    this.r = new NdrReader(stub);
  }

  int remaining() {
    return r.remaining();
  }

  /** Reads one operation parameter (see {@link NdrMarshaller#parameter}). */
  Object parameter(NdrType type) throws NdrException {
    if (type instanceof PointerType p && p.kind() == PointerKind.REF) {
      return construct(p.pointee());
    }
    return construct(type);
  }

  /** Reads one complete construct with its pointees. */
  Object construct(NdrType type) throws NdrException {
    Object[] result = new Object[1];
    List<Deferred> deferred = new ArrayList<>();
    scalars(type, v -> result[0] = v, deferred, -1);
    flush(deferred);
    return result[0];
  }

  private void flush(List<Deferred> deferred) throws NdrException {
    if (++depth > MAX_DEPTH) {
      throw new NdrException("pointers nested deeper than " + MAX_DEPTH);
    }
    for (Deferred d : deferred) {
      List<Deferred> inner = new ArrayList<>();
      scalars(d.type, d.sink, inner, -1);
      flush(inner);
    }
    depth--;
  }

  /**
   * Reads the scalars of {@code type}; {@code conformance} is the maximum count a conformant
   * structure already read for its last member, or -1.
   */
  private void scalars(
      NdrType type, Consumer<Object> sink, List<Deferred> deferred, int conformance)
      throws NdrException {
    if (type instanceof NdrType.Primitive p) {
      long v = r.primitive(p, p.name());
      sink.accept(p == NdrType.Primitive.U64 ? (Object) v : (Object) (int) v);
    } else if (type instanceof NdrType.EnumType e) {
      long v = r.primitive(e.v1Enum() ? NdrType.Primitive.U32 : NdrType.Primitive.U16, "enum");
      sink.accept((int) v);
    } else if (type instanceof NdrType.EmptyType) {
      sink.accept(null);
    } else if (type instanceof NdrType.ContextHandleType) {
      r.align(4);
      int attributes = (int) r.primitive(NdrType.Primitive.U32, "context handle");
      sink.accept(new ContextHandle(attributes, r.uuid()));
    } else if (type instanceof PointerType p) {
      pointer(p, sink, deferred);
    } else if (type instanceof NdrType.StringType) {
      sink.accept(string(conformance));
    } else if (type instanceof ArrayType a) {
      array(a, sink, deferred, conformance);
    } else if (type instanceof StructType s) {
      struct(s, sink, deferred, conformance);
    } else if (type instanceof NdrType.UnionType u) {
      r.align(Alignment.of(u));
      long disc = r.primitive(u.discriminant(), "union " + u.name() + " discriminant");
      NdrType arm = u.arm(disc);
      if (arm == null) {
        throw new NdrException("union " + u.name() + " has no arm " + disc);
      }
      scalars(arm, v -> sink.accept(new UnionValue(disc, v)), deferred, -1);
    }
  }

  private void pointer(PointerType p, Consumer<Object> sink, List<Deferred> deferred)
      throws NdrException {
    long referent = r.primitive(NdrType.Primitive.U32, "referent id");
    if (referent == 0) {
      if (p.kind() == PointerKind.REF) {
        throw new NdrException("null [ref] pointer");
      }
      sink.accept(null);
      return;
    }
    if (p.kind() != PointerKind.FULL) {
      deferred.add(new Deferred(p.pointee(), sink));
      return;
    }
    if (fullPointers.containsKey(referent)) {
      sink.accept(fullPointers.get(referent));
    } else if (fullPointerWaiters.containsKey(referent)) {
      fullPointerWaiters.get(referent).add(sink);
    } else {
      List<Consumer<Object>> waiters = new ArrayList<>();
      waiters.add(sink);
      fullPointerWaiters.put(referent, waiters);
      deferred.add(
          new Deferred(
              p.pointee(),
              v -> {
                fullPointers.put(referent, v);
                fullPointerWaiters.remove(referent).forEach(s -> s.accept(v));
              }));
    }
  }

  private String string(int conformance) throws NdrException {
    int max = conformance >= 0 ? conformance : r.count("string maximum count");
    int offset = r.count("string offset");
    int actual = r.count("string actual count");
    if (offset != 0 || actual > max) {
      throw new NdrException("string offset " + offset + ", actual " + actual + ", max " + max);
    }
    String s = r.utf16(actual);
    return !s.isEmpty() && s.charAt(s.length() - 1) == 0 ? s.substring(0, s.length() - 1) : s;
  }

  private void array(ArrayType a, Consumer<Object> sink, List<Deferred> deferred, int conformance)
      throws NdrException {
    ArrayKind kind = a.kind();
    int max = a.size();
    if (kind == ArrayKind.CONFORMANT || kind == ArrayKind.CONFORMANT_VARYING) {
      max = conformance >= 0 ? conformance : r.count("array maximum count");
    }
    int count = max;
    if (kind == ArrayKind.VARYING || kind == ArrayKind.CONFORMANT_VARYING) {
      int offset = r.count("array offset");
      count = r.count("array actual count");
      if (offset > max || count > max - offset) {
        throw new NdrException("array offset " + offset + " + " + count + " beyond max " + max);
      }
    }
    r.align(Alignment.of(a.element()));
    // every element takes at least one byte: a count that lies fails before any allocation
    r.need(count, count + " array elements");
    List<Object> list = new ArrayList<>(count);
    sink.accept(list);
    for (int i = 0; i < count; i++) {
      int index = i;
      list.add(null);
      scalars(a.element(), v -> list.set(index, v), deferred, -1);
    }
  }

  private void struct(StructType s, Consumer<Object> sink, List<Deferred> deferred, int conformance)
      throws NdrException {
    int tail = conformance;
    if (s.isConformant() && tail < 0) {
      tail = r.count("structure conformance");
    }
    r.align(Alignment.of(s));
    Map<String, Object> map = new LinkedHashMap<>();
    sink.accept(map);
    List<NdrType.Field> fields = s.fields();
    for (int i = 0; i < fields.size(); i++) {
      NdrType.Field f = fields.get(i);
      map.put(f.name(), null);
      boolean last = i == fields.size() - 1;
      scalars(f.type(), v -> map.put(f.name(), v), deferred, last && s.isConformant() ? tail : -1);
    }
  }
}
