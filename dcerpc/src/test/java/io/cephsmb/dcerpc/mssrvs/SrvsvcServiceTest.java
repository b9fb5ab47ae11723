package io.cephsmb.dcerpc.mssrvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.ndr.NdrException;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.ndr.UnionValue;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.server.CallContext;
import io.cephsmb.dcerpc.server.RpcInterface;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** srvsvc through its description: every level, unknown shares and levels, golden stubs. */
class SrvsvcServiceTest {
  static final List<ShareInfo> SHARES =
      List.of(ShareInfo.ipc("IPC Service"), ShareInfo.disk("data", "the data", "/vol/data"));
  final RpcInterface iface =
      new SrvsvcService(ShareInfoSource.of(SHARES), ServerIdentity.of("CEPHSMB", "WG", "test"))
          .rpcInterface();

  /** A NetrShareEnumAll request at {@code level} with an empty container. */
  public static Map<String, Object> enumRequest(int level) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("EntriesRead", 0);
    container.put("Buffer", null);
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("ServerName", "\\\\srv");
    in.put("InfoStruct", Map.of("Level", level, "ShareInfo", new UnionValue(level, container)));
    in.put("PreferedMaximumLength", -1);
    in.put("ResumeHandle", null);
    return in;
  }

  Map<String, Object> call(Operation op, Map<String, Object> in) throws Exception {
    CallContext ctx =
        new CallContext(
            1,
            0,
            op.opnum(),
            Optional.empty(),
            null,
            AuthLevel.PKT_INTEGRITY,
            "u",
            new CompletableFuture<>());
    byte[] out =
        iface
            .operations()
            .get(op.opnum())
            .invoke(ctx, op.encodeRequest(in))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    return op.decodeResponse(out);
  }

  static Map<String, Object> getInfo(String name, int level) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("ServerName", null);
    in.put("NetName", name);
    in.put("Level", level);
    return in;
  }

  @Test
  void enumerationAtEveryLevelListsEveryShare() throws Exception {
    for (int level : Srvsvc.SHARE_LEVELS) {
      Map<String, Object> out = call(Srvsvc.NETR_SHARE_ENUM_ALL, enumRequest(level));
      assertEquals(0, out.get(Operation.RETURN), "level " + level);
      assertEquals(2, out.get("TotalEntries"));
      UnionValue u = (UnionValue) ((Map<?, ?>) out.get("InfoStruct")).get("ShareInfo");
      assertEquals(level, u.discriminant());
      List<?> buffer = (List<?>) ((Map<?, ?>) u.arm()).get("Buffer");
      assertEquals(2, buffer.size());
      assertEquals("data", ((Map<?, ?>) buffer.get(1)).get("shi" + level + "_netname"));
      if (level == 2 || level == 502) {
        assertEquals("C:\\vol\\data", ((Map<?, ?>) buffer.get(1)).get("shi" + level + "_path"));
      }
    }
  }

  @Test
  void stickyEnumerationHidesSpecialSharesAndHasNoLevel501() throws Exception {
    Map<String, Object> out = call(Srvsvc.NETR_SHARE_ENUM_STICKY, enumRequest(1));
    assertEquals(1, out.get("TotalEntries"));
    Map<String, Object> bad = call(Srvsvc.NETR_SHARE_ENUM_STICKY, enumRequest(501));
    assertEquals(SrvsvcService.ERROR_INVALID_LEVEL, bad.get(Operation.RETURN));
  }

  @Test
  void getInfoFindsSharesCaseInsensitivelyAndRefusesUnknownOnes() throws Exception {
    Map<String, Object> out = call(Srvsvc.NETR_SHARE_GET_INFO, getInfo("DATA", 1));
    assertEquals(0, out.get(Operation.RETURN));
    Map<?, ?> info = (Map<?, ?>) ((UnionValue) out.get("InfoStruct")).arm();
    assertEquals("the data", info.get("shi1_remark"));
    Map<String, Object> missing = call(Srvsvc.NETR_SHARE_GET_INFO, getInfo("nosuch", 1));
    assertEquals(SrvsvcService.NERR_NET_NAME_NOT_FOUND, missing.get(Operation.RETURN));
    assertNull(((UnionValue) missing.get("InfoStruct")).arm());
  }

  @Test
  void anUnsupportedLevelIsTheLevelAndANullPointer() throws Exception {
    byte[] stub =
        iface
            .operations()
            .get(16)
            .invoke(
                new CallContext(
                    1,
                    0,
                    16,
                    Optional.empty(),
                    null,
                    AuthLevel.CONNECT,
                    "u",
                    new CompletableFuture<>()),
                Srvsvc.NETR_SHARE_GET_INFO.encodeRequest(getInfo("data", 1004)))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    // level 1004, null pointer, ERROR_INVALID_LEVEL (124)
    assertArrayEquals(Octets.ofHex("ec030000 00000000 7c000000").toByteArray(), stub);
  }

  @Test
  void serverInfo101Golden() throws Exception {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("ServerName", null);
    in.put("Level", 101);
    byte[] stub =
        iface
            .operations()
            .get(21)
            .invoke(
                new CallContext(
                    1,
                    0,
                    21,
                    Optional.empty(),
                    null,
                    AuthLevel.CONNECT,
                    "u",
                    new CompletableFuture<>()),
                Srvsvc.NETR_SERVER_GET_INFO.encodeRequest(in))
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    String expected =
        // level 101, referent of SERVER_INFO_101
        "65000000 00000200"
            // platform 500, name ptr, 6, 1, type 0x9803, comment ptr
            + "f4010000 04000200 06000000 01000000 03980000 08000200"
            // "CEPHSMB" (8 with NUL), "test" (5 with NUL, padded to 4)
            + "08000000 00000000 08000000 430045005000480053004d0042000000"
            + "05000000 00000000 05000000 7400650073007400 0000 0000"
            // WERR_OK
            + "00000000";
    assertArrayEquals(Octets.ofHex(expected).toByteArray(), stub);
    Map<String, Object> out = Srvsvc.NETR_SERVER_GET_INFO.decodeResponse(stub);
    assertEquals(0, out.get(Operation.RETURN));
  }

  @Test
  void shareCheckMatchesAPathAsWindowsShowsIt() throws Exception {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("ServerName", null);
    in.put("Device", "c:\\VOL\\data");
    Map<String, Object> out = call(Srvsvc.NETR_SHARE_CHECK, in);
    assertEquals(0, out.get(Operation.RETURN));
    assertEquals(0, out.get("Type"));
    in.put("Device", "D:\\other");
    assertEquals(
        SrvsvcService.NERR_DEVICE_NOT_SHARED, call(Srvsvc.NETR_SHARE_CHECK, in).get("return"));
  }

  @Test
  void everyShareInfoLevelRoundTrips() throws NdrException {
    for (int level : List.of(0, 1, 2, 501, 502, 1005)) {
      Map<String, Object> out = new LinkedHashMap<>();
      Map<String, Object> info = SrvsvcService.shareInfo(level, SHARES.get(1));
      out.put("InfoStruct", new UnionValue(level, info));
      out.put(Operation.RETURN, 0);
      byte[] stub = Srvsvc.NETR_SHARE_GET_INFO.encodeResponse(out);
      assertEquals(out, Srvsvc.NETR_SHARE_GET_INFO.decodeResponse(stub), "level " + level);
    }
  }
}
