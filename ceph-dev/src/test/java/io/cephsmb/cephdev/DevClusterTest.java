package io.cephsmb.cephdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevClusterTest {

  @Test
  void parsesClusterEnv() {
    Map<String, String> m =
        DevCluster.parseEnv(
            List.of("# comment", "", "CEPH_CONF=/tmp/x/ceph.conf", "CEPH_MON_PORT=4242"));
    assertEquals(Map.of("CEPH_CONF", "/tmp/x/ceph.conf", "CEPH_MON_PORT", "4242"), m);
  }

  @Test
  void rejectsMalformedEnvLine() {
    DevClusterException e =
        assertThrows(DevClusterException.class, () -> DevCluster.parseEnv(List.of("no equals")));
    assertTrue(e.getMessage().contains("no equals"), e.getMessage());
  }

  @Test
  void findsTheScript() {
    Path s = DevCluster.locateScript();
    assertTrue(Files.isExecutable(s), s.toString());
    assertEquals("cluster", s.getFileName().toString());
  }

  @Test
  void attachToEmptyDirectoryFailsWithReason(@TempDir Path dir) {
    DevClusterException e = assertThrows(DevClusterException.class, () -> DevCluster.attach(dir));
    assertTrue(e.getMessage().contains("no running dev cluster"), e.getMessage());
    assertTrue(e.getMessage().contains("no cluster in"), e.getMessage());
  }
}
