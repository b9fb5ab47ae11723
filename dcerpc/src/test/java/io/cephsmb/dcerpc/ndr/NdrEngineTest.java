package io.cephsmb.dcerpc.ndr;

import static io.cephsmb.dcerpc.ndr.Ndr.CONTEXT_HANDLE;
import static io.cephsmb.dcerpc.ndr.Ndr.U16;
import static io.cephsmb.dcerpc.ndr.Ndr.U32;
import static io.cephsmb.dcerpc.ndr.Ndr.U64;
import static io.cephsmb.dcerpc.ndr.Ndr.U8;
import static io.cephsmb.dcerpc.ndr.Ndr.WSTRING;
import static io.cephsmb.dcerpc.ndr.Ndr.conformantArray;
import static io.cephsmb.dcerpc.ndr.Ndr.conformantVaryingArray;
import static io.cephsmb.dcerpc.ndr.Ndr.field;
import static io.cephsmb.dcerpc.ndr.Ndr.fixedArray;
import static io.cephsmb.dcerpc.ndr.Ndr.full;
import static io.cephsmb.dcerpc.ndr.Ndr.in;
import static io.cephsmb.dcerpc.ndr.Ndr.ref;
import static io.cephsmb.dcerpc.ndr.Ndr.struct;
import static io.cephsmb.dcerpc.ndr.Ndr.unique;
import static io.cephsmb.dcerpc.ndr.Ndr.varyingArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.dcerpc.pdu.Octets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Golden bytes and round trips for each NDR construct. */
class NdrEngineTest {
  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static void golden(NdrType type, Object value, String hex) throws NdrException {
    NdrMarshaller m = new NdrMarshaller();
    m.parameter(type, value);
    assertEquals(Octets.ofHex(hex), Octets.of(m.toByteArray()));
    NdrUnmarshaller u = new NdrUnmarshaller(Octets.ofHex(hex).toByteArray());
    assertEquals(value, u.parameter(type));
    assertEquals(0, u.remaining());
  }

  @Test
  void embeddedPointeesFollowDepthFirstAfterTheScalars() throws NdrException {
    NdrType inner = struct("B", field("q", unique(U32)));
    NdrType outer = struct("A", field("p1", unique(inner)), field("p2", unique(U32)));
    golden(outer, map("p1", map("q", 5), "p2", 7), "00000200 04000200 08000200 05000000 07000000");
    golden(outer, map("p1", null, "p2", 7), "00000000 00000200 07000000");
  }

  @Test
  void alignmentOfHyperAndEnums() throws NdrException {
    golden(
        struct("S", field("a", U8), field("b", U64), field("c", Ndr.enum16("E"))),
        map("a", 1, "b", 2L, "c", 3),
        "01 00000000000000 0200000000000000 0300");
    golden(
        struct("S", field("a", U16), field("e", Ndr.enum32("E"))),
        map("a", 1, "e", 2),
        "0100 0000 02000000");
  }

  @Test
  void conformantStructureCarriesItsCountFirst() throws NdrException {
    golden(
        struct("C", field("n", U16), field("data", conformantArray(U16))),
        map("n", 2, "data", List.of(1, 2)),
        "02000000 0200 0100 0200");
    golden(
        struct("N", field("x", U32), field("name", WSTRING)),
        map("x", 9, "name", "ab"),
        "03000000 09000000 00000000 03000000 610062000000");
  }

  @Test
  void arraysOfEachKind() throws NdrException {
    golden(fixedArray(U16, 2), List.of(1, 2), "0100 0200");
    golden(varyingArray(U8, 4), List.of(10, 11), "00000000 02000000 0a0b");
    golden(conformantVaryingArray(U8), List.of(10), "01000000 00000000 01000000 0a");
    golden(unique(conformantArray(U32)), List.of(7), "00000200 01000000 07000000");
  }

  @Test
  void fullPointersShareOneReferent() throws NdrException {
    NdrType t = struct("F", field("a", full(U32)), field("b", full(U32)));
    Integer shared = 1234567;
    NdrMarshaller m = new NdrMarshaller();
    m.parameter(t, map("a", shared, "b", shared));
    assertEquals(Octets.ofHex("00000200 00000200 87d61200"), Octets.of(m.toByteArray()));
    @SuppressWarnings("unchecked")
    Map<String, Object> back =
        (Map<String, Object>) new NdrUnmarshaller(m.toByteArray()).parameter(t);
    assertSame(back.get("a"), back.get("b"));
  }

  @Test
  void contextHandleAndTopLevelPointers() throws NdrException {
    UUID u = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    golden(CONTEXT_HANDLE, new ContextHandle(1, u), "01000000 33221100 5544 7766 8899aabbccddeeff");
    golden(ref(U32), 5, "05000000");
    golden(unique(U32), 5, "00000200 05000000");
    golden(unique(U32), null, "00000000");
  }

  @Test
  void badInputIsAnNdrExceptionAndBadValuesAnIllegalArgument() {
    assertThrows(
        NdrException.class,
        () -> new NdrUnmarshaller(Octets.ofHex("00000000").toByteArray()).construct(ref(U32)));
    assertThrows(
        NdrException.class,
        () ->
            new NdrUnmarshaller(Octets.ofHex("ffffff7f 00000000 ffffff7f").toByteArray())
                .construct(WSTRING));
    assertThrows(
        NdrException.class,
        () ->
            new NdrUnmarshaller(Octets.ofHex("02000000 01000000 02000000 6100").toByteArray())
                .construct(WSTRING));
    assertThrows(
        IllegalArgumentException.class, () -> new NdrMarshaller().parameter(ref(U32), null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new NdrMarshaller().construct(fixedArray(U8, 2), List.of(1)));
    Operation op = new Operation("x", 0, List.of(in("a", U32)), null);
    assertThrows(IllegalArgumentException.class, () -> op.encodeRequest(map("a", "nan")));
  }
}
