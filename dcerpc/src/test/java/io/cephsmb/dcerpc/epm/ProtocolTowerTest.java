package io.cephsmb.dcerpc.epm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.dcerpc.mssrvs.Srvsvc;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** [C706] appendix L / [MS-RPCE] 2.2.1.2 towers: golden bytes, accessors, malformed towers. */
class ProtocolTowerTest {
  /** srvsvc v3.0 over NDR 2.0, ncacn, TCP port 49155 (0xc003), IP 127.0.0.1. */
  static final String SRVSVC_TCP =
      "0500"
          + "1300 0d c84f324b7016d30112785a47bf6ee188 0300 0200 0000"
          + "1300 0d 045d888aeb1cc9119fe808002b104860 0200 0200 0000"
          + "0100 0b 0200 0000"
          + "0100 07 0200 c003"
          + "0100 09 0400 7f000001";

  static Inet4Address loopback() throws Exception {
    return (Inet4Address) InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  @Test
  void tcpTowerGolden() throws Exception {
    ProtocolTower t = ProtocolTower.tcp(Srvsvc.SYNTAX, loopback(), 49155);
    assertArrayEquals(Octets.ofHex(SRVSVC_TCP).toByteArray(), t.encode());
    ProtocolTower back = ProtocolTower.decode(Octets.ofHex(SRVSVC_TCP).toByteArray());
    assertEquals(t, back);
    assertEquals(Optional.of(Srvsvc.SYNTAX), back.interfaceId());
    assertEquals(Optional.of(SyntaxId.NDR20), back.transferSyntax());
    assertEquals(ProtocolTower.NCACN, back.rpcProtocol());
    assertEquals(ProtocolTower.TCP, back.transport());
    assertEquals(Optional.of(49155), back.port());
    assertEquals(Optional.of(loopback()), back.address());
  }

  @Test
  void namedPipeTowerRoundTrips() throws Exception {
    ProtocolTower t = ProtocolTower.namedPipe(Srvsvc.SYNTAX, "\\PIPE\\srvsvc", "GW");
    byte[] b = t.encode();
    ProtocolTower back = ProtocolTower.decode(b);
    assertEquals(Optional.of("\\PIPE\\srvsvc"), back.pipe());
    assertEquals(ProtocolTower.NAMED_PIPE, back.transport());
    // floor 4: lhs 0x0f, rhs "\PIPE\srvsvc\0"
    String floor4 = "0100 0f 0d00 5c504950455c73727673766300";
    String hex = Octets.of(b).toString().replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    assertEquals(true, hex.contains(floor4.replace(" ", "")), hex);
  }

  @Test
  void malformedTowersAreRefused() {
    byte[] good = Octets.ofHex(SRVSVC_TCP).toByteArray();
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(TowerException.class, () -> ProtocolTower.decode(truncated), "cut " + cut);
    }
    byte[] extra = Arrays.copyOf(good, good.length + 1);
    assertThrows(TowerException.class, () -> ProtocolTower.decode(extra));
    byte[] manyFloors = Octets.ofHex("ffff").toByteArray();
    assertThrows(TowerException.class, () -> ProtocolTower.decode(manyFloors));
  }
}
