package io.cephsmb.it.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Statistics, JSON, /proc parsing, the generated smb.conf and the gateway's serve check. */
class HarnessPartsTest {

  @Test
  void medianAndSpreadLeaveOutFailedRuns() {
    Stats s = Stats.of(Arrays.asList(3.0, 1.0, Double.NaN, 2.0));
    assertEquals(3, s.n());
    assertEquals(2.0, s.median());
    assertEquals(1.0, s.min());
    assertEquals(3.0, s.max());
    assertEquals(2.5, Stats.of(List.of(1.0, 2.0, 3.0, 4.0)).median());
    assertEquals(0, Stats.of(List.of(Double.NaN)).n());
  }

  @Test
  void jsonEscapesAndNests() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "a \"b\"\n");
    m.put("n", 3L);
    m.put("x", 1.5);
    m.put("nan", Double.NaN);
    m.put("list", List.of(true, "c"));
    String j = Json.write(m);
    assertTrue(j.contains("\"name\": \"a \\\"b\\\"\\n\""), j);
    assertTrue(j.contains("\"n\": 3"), j);
    assertTrue(j.contains("\"x\": 1.5"), j);
    assertTrue(j.contains("\"nan\": null"), j);
    assertTrue(j.contains("true"), j);
  }

  @Test
  void procStatWithSpacesAndParenthesesInTheCommandName() {
    String stat = "4242 (smbd (x) y) S 4200 4242 4242 0 -1 4194560 1 2 3 4 17 23 5 7 20 0 1 0";
    String[] f = ProcStats.parseStat(stat);
    assertEquals("S", f[0]);
    assertEquals("4200", f[1]);
    assertArrayEquals(new String[] {"17", "23", "5", "7"}, Arrays.copyOfRange(f, 11, 15));
  }

  @Test
  void usageOfThisJvmIsPositive() {
    long me = ProcessHandle.current().pid();
    assertTrue(ProcStats.tree(me).contains(me));
    ProcStats.Usage u = ProcStats.usage(List.of(me));
    assertEquals(List.of(me), u.pids());
    assertTrue(u.cpuSeconds() > 0);
    assertTrue(u.rssBytes() > 1 << 20);
  }

  @Test
  void smbConfIsLoopbackOnlyWithPrivateState() {
    TargetConfig c =
        new TargetConfig(
            Path.of("/tmp/c/ceph.conf"), "admin", "cephfs", "share", "/harness/x", "u", "p");
    String conf =
        SambaTarget.smbConf(Path.of("/tmp/w"), 4455, c, SambaTarget.Variant.CEPH_ACL_STREAMS);
    for (String line :
        List.of(
            "smb ports = 4455",
            "interfaces = 127.0.0.1",
            "bind interfaces only = yes",
            "disable netbios = yes",
            "passdb backend = tdbsam:/tmp/w/private/passdb.tdb",
            "lock directory = /tmp/w/lock",
            "state directory = /tmp/w/state",
            "cache directory = /tmp/w/cache",
            "pid directory = /tmp/w/pid",
            "[share]",
            "path = /harness/x",
            "vfs objects = acl_xattr streams_xattr ceph",
            "ceph:config_file = /tmp/c/ceph.conf",
            "ceph:user_id = admin",
            "kernel share modes = no")) {
      assertTrue(conf.contains(line + "\n"), line + " missing from\n" + conf);
    }
    assertTrue(
        SambaTarget.smbConf(Path.of("/tmp/w"), 1, c, SambaTarget.Variant.CEPH)
            .contains("vfs objects = ceph\n"));
  }

  @Test
  void theGatewayServeCheckWantsTheServeUsage() {
    assertTrue(GatewayTarget.hasServeUsage("Usage: cephsmb serve [-h] --port=PORT\nStarts"));
    assertFalse(
        GatewayTarget.hasServeUsage(
            "Usage: cephsmb [-hV] [COMMAND]\nCommands:\n  state\n  user\n  share"));
  }
}
