package io.cephsmb.dcerpc.epm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.cephsmb.dcerpc.mssrvs.Srvsvc;
import io.cephsmb.dcerpc.mswkst.Wkssvc;
import io.cephsmb.dcerpc.ndr.ContextHandle;
import io.cephsmb.dcerpc.ndr.NdrException;
import io.cephsmb.dcerpc.ndr.Operation;
import io.cephsmb.dcerpc.pdu.Octets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ept_map and ept_lookup through their descriptions, with golden request and response stubs. */
class EpmapperServiceTest {
  final EndpointRegistry registry = new EndpointRegistry();
  final EpmapperService service = new EpmapperService(registry);

  EpmapperServiceTest() throws Exception {
    registry.register(
        new Endpoint.Tcp(Srvsvc.SYNTAX, ProtocolTowerTest.loopback(), 49155, "srvsvc"));
    registry.register(
        new Endpoint.Tcp(Wkssvc.SYNTAX, ProtocolTowerTest.loopback(), 49155, "wkssvc"));
    registry.register(new Endpoint.NamedPipe(Srvsvc.SYNTAX, "\\PIPE\\srvsvc", "GW", "srvsvc"));
  }

  static Map<String, Object> mapRequest(ProtocolTower wanted, int maxTowers) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("object", Epmapper.uuid(new UUID(0, 0)));
    in.put("map_tower", Epmapper.twr(wanted.encode()));
    in.put("entry_handle", ContextHandle.NULL);
    in.put("max_towers", maxTowers);
    return in;
  }

  /** A map request for srvsvc over TCP (port and address zero), as Samba's client builds it. */
  static final String MAP_REQUEST =
      // object: full pointer, nil uuid
      "00000200 00000000 0000 0000 0000000000000000"
          // map_tower: full pointer; conformance 75, tower_length 75, the tower
          + "04000200 4b000000 4b000000"
          + "0500"
          + "1300 0d c84f324b7016d30112785a47bf6ee188 0300 0200 0000"
          + "1300 0d 045d888aeb1cc9119fe808002b104860 0200 0200 0000"
          + "0100 0b 0200 0000"
          + "0100 07 0200 0000"
          + "0100 09 0400 00000000"
          // pad to 4, entry_handle (20 zero bytes), max_towers 1
          + "00"
          + "00000000 00000000000000000000000000000000"
          + "01000000";

  @Test
  void mapRequestGoldenDecodes() throws NdrException, TowerException {
    byte[] stub =
        Octets.ofHex(MAP_REQUEST.replace("0100 0000 0000", "01000000 0000")).toByteArray();
    Map<String, Object> in = Epmapper.EPT_MAP.decodeRequest(stub);
    ProtocolTower t = ProtocolTower.decode(Epmapper.towerOctets((Map<?, ?>) in.get("map_tower")));
    assertEquals(Srvsvc.SYNTAX, t.interfaceId().orElseThrow());
    assertEquals(1, in.get("max_towers"));
    assertArrayEquals(stub, Epmapper.EPT_MAP.encodeRequest(in));
  }

  @Test
  void mapAnswersTheTcpEndpointWithTheClientsMaximum() throws Exception {
    ProtocolTower wanted = ProtocolTower.tcp(Srvsvc.SYNTAX, ProtocolTowerTest.loopback(), 0);
    Map<String, Object> out =
        service.map(
            Epmapper.EPT_MAP.decodeRequest(Epmapper.EPT_MAP.encodeRequest(mapRequest(wanted, 4))));
    byte[] stub = Epmapper.EPT_MAP.encodeResponse(out);
    // entry_handle (20 zero bytes), num_towers 1, then max count 4 (size_is(max_towers)),
    // offset 0, actual count 1 (length_is(*num_towers)), one referent
    String head =
        "0000000000000000000000000000000000000000" + "01000000" + "04000000 00000000 01000000";
    assertArrayEquals(
        Octets.ofHex(head).toByteArray(), Arrays.copyOf(stub, Octets.ofHex(head).length()));
    Map<String, Object> back = Epmapper.EPT_MAP.decodeResponse(stub);
    assertEquals(0, back.get(Operation.RETURN));
    List<?> towers = (List<?>) back.get("towers");
    ProtocolTower t =
        ProtocolTower.decode(
            Epmapper.towerOctets((Map<?, ?>) ((Map<?, ?>) towers.get(0)).get("twr")));
    assertEquals(49155, t.port().orElseThrow());
  }

  @Test
  void mapOfAnUnregisteredInterfaceOrTransportIsNotRegistered() throws Exception {
    ProtocolTower epm = ProtocolTower.tcp(Epmapper.SYNTAX, ProtocolTowerTest.loopback(), 0);
    Map<String, Object> out = service.map(mapRequest(epm, 1));
    assertEquals(Epmapper.EPT_S_NOT_REGISTERED, out.get(Operation.RETURN));
    assertEquals(0, out.get("num_towers"));
    // the answer still marshals (maximum 1, no element)
    Epmapper.EPT_MAP.decodeResponse(Epmapper.EPT_MAP.encodeResponse(out));
    ProtocolTower wrongMajor =
        ProtocolTower.tcp(
            new io.cephsmb.dcerpc.pdu.SyntaxId(Srvsvc.SYNTAX.uuid(), 2, 0),
            ProtocolTowerTest.loopback(),
            0);
    assertEquals(
        Epmapper.EPT_S_NOT_REGISTERED, service.map(mapRequest(wrongMajor, 1)).get("return"));
    Map<String, Object> garbage = mapRequest(wrongMajor, 1);
    garbage.put("map_tower", Epmapper.twr(new byte[] {5, 0, 1}));
    assertEquals(Epmapper.EPT_S_NOT_REGISTERED, service.map(garbage).get("return"));
  }

  static Map<String, Object> lookupRequest(ContextHandle handle, int max) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("inquiry_type", 0);
    in.put("object", null);
    in.put("interface_id", null);
    in.put("vers_option", 1);
    in.put("entry_handle", handle);
    in.put("max_ents", max);
    return in;
  }

  @Test
  void lookupPagesWithAHandleAndEndsWithNoMoreEntries() throws Exception {
    Map<String, Object> first = service.lookup(lookupRequest(ContextHandle.NULL, 2));
    assertEquals(0, first.get(Operation.RETURN));
    assertEquals(2, first.get("num_ents"));
    ContextHandle h = (ContextHandle) first.get("entry_handle");
    assertNotEquals(ContextHandle.NULL, h);
    Map<String, Object> decoded =
        Epmapper.EPT_LOOKUP.decodeResponse(Epmapper.EPT_LOOKUP.encodeResponse(first));
    Map<?, ?> entry = (Map<?, ?>) ((List<?>) decoded.get("entries")).get(0);
    assertEquals(List.of(0x73, 0x72, 0x76, 0x73, 0x76, 0x63, 0), entry.get("annotation"));
    Map<String, Object> last = service.lookup(lookupRequest(h, 2));
    assertEquals(Epmapper.EPT_S_NOT_REGISTERED, last.get(Operation.RETURN));
    assertEquals(1, last.get("num_ents"));
    assertEquals(ContextHandle.NULL, last.get("entry_handle"));
    // a handle already used up (or never issued) has nothing more
    assertEquals(0, service.lookup(lookupRequest(h, 2)).get("num_ents"));
  }
}
