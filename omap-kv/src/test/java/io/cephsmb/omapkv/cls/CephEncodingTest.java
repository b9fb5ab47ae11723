package io.cephsmb.omapkv.cls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.InvalidArgumentException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden bytes of the class inputs (as the OSD accepted them) and the checking reader. */
class CephEncodingTest {
  private static String hex(Bytes b) {
    return HexFormat.of().formatHex(b.toArray());
  }

  @Test
  void cmpValsInput() {
    // struct v1 compat1 len 24: mode U64 (2), op EQ (1), 1 entry "k" -> 8-byte LE 1, no default
    assertEquals(
        "010118000000020101000000010000006b08000000010000000000000000",
        hex(
            ClsCmpOmap.cmpVals(
                    ClsCmpOmap.Mode.U64, ClsCmpOmap.Op.EQ, Map.of("k", ClsCmpOmap.u64(1)), null)
                .input()));
  }

  @Test
  void versionConditionsRoundTrip() {
    List<ClsVersion.Condition> conds =
        List.of(
            new ClsVersion.Condition(new ClsVersion.ObjVersion(7, "t"), ClsVersion.Cond.GE),
            new ClsVersion.Condition(new ClsVersion.ObjVersion(0, ""), ClsVersion.Cond.TAG_NE));
    Bytes in = ClsVersion.incIf(conds).input();
    assertEquals(conds, ClsVersion.decodeConds(in));
  }

  @Test
  void truncatedInputIsRefused() {
    Bytes in =
        ClsCmpOmap.cmpSetVals(
                ClsCmpOmap.Mode.STRING, ClsCmpOmap.Op.EQ, Map.of("a", Bytes.utf8("b")), null)
            .input();
    for (int n = 0; n < in.length(); n++) {
      Bytes cut = Bytes.of(in.toArray(), 0, n);
      assertThrows(InvalidArgumentException.class, () -> ClsCmpOmap.decode(cut, true), "" + n);
    }
    assertEquals(Map.of("a", Bytes.utf8("b")), ClsCmpOmap.decode(in, true).values());
  }
}
