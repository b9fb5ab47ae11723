package io.cephsmb.dcerpc.ndr;

import io.cephsmb.dcerpc.ndr.NdrType.ArrayKind;
import io.cephsmb.dcerpc.ndr.NdrType.ArrayType;
import io.cephsmb.dcerpc.ndr.NdrType.Field;
import io.cephsmb.dcerpc.ndr.NdrType.PointerKind;
import io.cephsmb.dcerpc.ndr.NdrType.PointerType;
import io.cephsmb.dcerpc.ndr.NdrType.Primitive;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Short names for describing interfaces: {@code struct("X", field("a", U32), ...)}. */
public final class Ndr {
  /** unsigned char. */
  public static final Primitive U8 = Primitive.U8;

  /** unsigned short. */
  public static final Primitive U16 = Primitive.U16;

  /** unsigned long / DWORD. */
  public static final Primitive U32 = Primitive.U32;

  /** hyper. */
  public static final Primitive U64 = Primitive.U64;

  /** [string] wchar_t (conformant varying, terminated). */
  public static final NdrType WSTRING = new NdrType.StringType();

  /** A context handle. */
  public static final NdrType CONTEXT_HANDLE = new NdrType.ContextHandleType();

  /** A union arm without data. */
  public static final NdrType EMPTY = new NdrType.EmptyType();

  private Ndr() {}

  public static Field field(String name, NdrType type) {
    return new Field(name, type);
  }

  public static NdrType.StructType struct(String name, Field... fields) {
    return new NdrType.StructType(name, Arrays.asList(fields));
  }

  public static PointerType ref(NdrType pointee) {
    return new PointerType(PointerKind.REF, pointee);
  }

  public static PointerType unique(NdrType pointee) {
    return new PointerType(PointerKind.UNIQUE, pointee);
  }

  public static PointerType full(NdrType pointee) {
    return new PointerType(PointerKind.FULL, pointee);
  }

  public static ArrayType fixedArray(NdrType element, int size) {
    return new ArrayType(ArrayKind.FIXED, element, size);
  }

  public static ArrayType conformantArray(NdrType element) {
    return new ArrayType(ArrayKind.CONFORMANT, element, 0);
  }

  public static ArrayType varyingArray(NdrType element, int max) {
    return new ArrayType(ArrayKind.VARYING, element, max);
  }

  public static ArrayType conformantVaryingArray(NdrType element) {
    return new ArrayType(ArrayKind.CONFORMANT_VARYING, element, 0);
  }

  public static NdrType.EnumType enum16(String name) {
    return new NdrType.EnumType(name, false);
  }

  public static NdrType.EnumType enum32(String name) {
    return new NdrType.EnumType(name, true);
  }

  /** A union arm: {@code [case(value)] type}. */
  public static Map.Entry<Long, NdrType> arm(long value, NdrType type) {
    return Map.entry(value, type);
  }

  /** A union without a default arm. */
  @SafeVarargs
  public static NdrType.UnionType union(
      String name, Primitive discriminant, Map.Entry<Long, NdrType>... arms) {
    Map<Long, NdrType> map = new LinkedHashMap<>();
    for (Map.Entry<Long, NdrType> a : arms) {
      map.put(a.getKey(), a.getValue());
    }
    return new NdrType.UnionType(name, discriminant, map, null);
  }

  /** A union with a default arm ({@code [default] defaultArm}; {@link #EMPTY} for none). */
  @SafeVarargs
  public static NdrType.UnionType unionWithDefault(
      String name, Primitive discriminant, NdrType defaultArm, Map.Entry<Long, NdrType>... arms) {
    Map<Long, NdrType> map = new LinkedHashMap<>();
    for (Map.Entry<Long, NdrType> a : arms) {
      map.put(a.getKey(), a.getValue());
    }
    return new NdrType.UnionType(name, discriminant, map, defaultArm);
  }

  /**
   * A union switched by a 32-bit level whose arms are all pointers, as the info unions of [MS-SRVS]
   * and [MS-WKST]: the {@code served} arms, every other {@code declared} level a pointer that is
   * always null (the level is in the IDL but not served), any other level no data (the IDL's empty
   * default).
   */
  public static NdrType.UnionType levelUnion(
      String name, Map<Long, NdrType> served, int... declared) {
    Map<Long, NdrType> map = new LinkedHashMap<>(served);
    for (int level : declared) {
      map.putIfAbsent((long) level, unique(EMPTY));
    }
    return new NdrType.UnionType(name, Primitive.U32, map, EMPTY);
  }

  /** Parameter directions. */
  public static Param in(String name, NdrType type) {
    return new Param(name, Param.Direction.IN, type);
  }

  public static Param out(String name, NdrType type) {
    return new Param(name, Param.Direction.OUT, type);
  }

  public static Param inOut(String name, NdrType type) {
    return new Param(name, Param.Direction.IN_OUT, type);
  }
}
