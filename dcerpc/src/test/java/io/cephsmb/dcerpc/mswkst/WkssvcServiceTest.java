package io.cephsmb.dcerpc.mswkst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.ndr.UnionValue;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.server.CallContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** NetrWkstaGetInfo through its description. */
class WkssvcServiceTest {
  final WkssvcService service = new WkssvcService(ServerIdentity.of("GW", "WG", "c"));

  byte[] call(int level) throws Exception {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("ServerName", "\\\\gw");
    in.put("Level", level);
    return service
        .rpcInterface()
        .operations()
        .get(0)
        .invoke(
            new CallContext(
                1, 0, 0, Optional.empty(), null, AuthLevel.CONNECT, "u", new CompletableFuture<>()),
            Wkssvc.NETR_WKSTA_GET_INFO.encodeRequest(in))
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  @Test
  void level100Golden() throws Exception {
    String expected =
        "64000000 00000200"
            + "f4010000 04000200 08000200 06000000 01000000"
            + "03000000 00000000 03000000 470057000000 0000"
            + "03000000 00000000 03000000 570047000000 0000"
            + "00000000";
    byte[] stub = call(100);
    assertArrayEquals(Octets.ofHex(expected).toByteArray(), stub);
    Map<String, Object> out = Wkssvc.NETR_WKSTA_GET_INFO.decodeResponse(stub);
    Map<?, ?> info = (Map<?, ?>) ((UnionValue) out.get("WkstaInfo")).arm();
    assertEquals("GW", info.get("wki100_computername"));
    assertEquals("WG", info.get("wki100_langroup"));
  }

  @Test
  void levels101And102AndAnInvalidLevel() throws Exception {
    assertEquals(0, Wkssvc.NETR_WKSTA_GET_INFO.decodeResponse(call(101)).get(Operation.RETURN));
    assertEquals(0, Wkssvc.NETR_WKSTA_GET_INFO.decodeResponse(call(102)).get(Operation.RETURN));
    // a level the IDL declares (502) but not served: the level and a null pointer
    assertArrayEquals(Octets.ofHex("f6010000 00000000 7c000000").toByteArray(), call(502));
    // a level the IDL does not know (500): the level alone (the empty default arm)
    assertArrayEquals(Octets.ofHex("f4010000 7c000000").toByteArray(), call(500));
  }
}
