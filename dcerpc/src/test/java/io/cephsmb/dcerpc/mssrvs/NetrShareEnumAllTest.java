package io.cephsmb.dcerpc.mssrvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.dcerpc.ndr.NdrException;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.ndr.UnionValue;
import io.cephsmb.dcerpc.pdu.Octets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** [MS-SRVS] NetrShareEnumAll level 1 through the NDR engine: golden stubs and round trips. */
class NetrShareEnumAllTest {
  static final Operation OP = Srvsvc.NETR_SHARE_ENUM_ALL;

  static final String REQUEST =
      "00000200 06000000 00000000 06000000 5c005c00730072007600 0000"
          + "01000000 01000000 04000200 00000000 00000000"
          + "ffffffff 00000000";

  static final String RESPONSE =
      "01000000 01000000 00000200 01000000 04000200"
          + "01000000 08000200 03000080 0c000200"
          + "05000000 00000000 05000000 490050004300240000000000"
          + "0c000000 00000000 0c000000 490050004300200053006500720076006900630065000000"
          + "01000000 00000000 00000000";

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static byte[] bytes(String hex) {
    return Octets.ofHex(hex).toByteArray();
  }

  static Map<String, Object> request() {
    return map(
        "ServerName",
        "\\\\srv",
        "InfoStruct",
        map("Level", 1, "ShareInfo", new UnionValue(1, map("EntriesRead", 0, "Buffer", null))),
        "PreferedMaximumLength",
        -1,
        "ResumeHandle",
        null);
  }

  static Map<String, Object> response() {
    Map<String, Object> ipc =
        map("shi1_netname", "IPC$", "shi1_type", 0x80000003, "shi1_remark", "IPC Service");
    return map(
        "InfoStruct",
        map(
            "Level",
            1,
            "ShareInfo",
            new UnionValue(1, map("EntriesRead", 1, "Buffer", List.of(ipc)))),
        "TotalEntries",
        1,
        "ResumeHandle",
        null,
        Operation.RETURN,
        0);
  }

  @Test
  void requestGolden() throws NdrException {
    assertArrayEquals(bytes(REQUEST), OP.encodeRequest(request()));
    assertEquals(request(), OP.decodeRequest(bytes(REQUEST)));
  }

  @Test
  void responseGoldenWithDeferredPointeesInOrder() throws NdrException {
    assertEquals(Octets.ofHex(RESPONSE), Octets.of(OP.encodeResponse(response())));
    assertEquals(response(), OP.decodeResponse(bytes(RESPONSE)));
  }

  @Test
  void manySharesRoundTrip() throws NdrException {
    List<Object> shares = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Map<String, Object> s = new HashMap<>();
      s.put("shi1_netname", "share" + i);
      s.put("shi1_type", 0);
      s.put("shi1_remark", i % 3 == 0 ? null : "r" + i);
      shares.add(s);
    }
    Map<String, Object> resp = response();
    resp.put(
        "InfoStruct",
        map("Level", 1, "ShareInfo", new UnionValue(1, map("EntriesRead", 50, "Buffer", shares))));
    resp.put("ResumeHandle", 7);
    assertEquals(resp, OP.decodeResponse(OP.encodeResponse(resp)));
  }

  @Test
  void truncatedOrLyingStubsFail() {
    byte[] full = bytes(RESPONSE);
    for (int cut = 0; cut < full.length; cut += 3) {
      byte[] part = Arrays.copyOf(full, cut);
      assertThrows(NdrException.class, () -> OP.decodeResponse(part), "cut at " + cut);
    }
    byte[] lying = bytes(RESPONSE);
    lying[20] = (byte) 0xff; // array maximum count 255 with one element's bytes behind it
    lying[21] = (byte) 0xff;
    assertThrows(NdrException.class, () -> OP.decodeResponse(lying));
    byte[] badArm = bytes(REQUEST);
    badArm[32] = 9; // union discriminant without an arm
    assertThrows(NdrException.class, () -> OP.decodeRequest(badArm));
  }
}
