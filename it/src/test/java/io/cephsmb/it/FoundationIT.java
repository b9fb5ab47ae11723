package io.cephsmb.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceph.fs.CephMount;
import com.ceph.fs.CephStat;
import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import io.cephsmb.cephdev.DevCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The foundation: a private dev cluster starts, RADOS and CephFS work through the Java bindings,
 * and stopping it leaves no daemon behind. Uses its own cluster (not the shared one) because it
 * stops it.
 */
class FoundationIT {

  @Test
  void clusterStartsServesRadosAndCephfsAndStopsClean() throws Exception {
    List<Long> pids;
    Path dir;
    try (DevCluster cluster = DevCluster.startTemporary("cephsmb-foundation-")) {
      dir = cluster.dir();
      assertTrue(cluster.owned());
      assertTrue(cluster.isRunning(), "status reports every daemon running");
      pids = cluster.daemonPids();
      assertEquals(4, pids.size(), "mon, mgr, osd, mds: " + pids);
      for (long pid : pids) {
        assertTrue(alive(Paths.get("/proc/" + pid + "/stat")), "daemon " + pid + " runs");
      }
      // start on a running cluster is a no-op: the same daemons keep running
      assertEquals(pids, DevCluster.start(dir).daemonPids());

      radosRoundTrip(cluster);
      cephfsRoundTrip(cluster);
    }
    for (long pid : pids) {
      Path stat = Paths.get("/proc/" + pid + "/stat");
      assertFalse(alive(stat), () -> "daemon left running: " + readQuietly(stat) + " " + pids);
    }
    assertFalse(Files.exists(dir), "the temporary cluster's directory is removed");
  }

  /** A process runs if it exists and is not a zombie (an exited daemon not yet reaped). */
  private static boolean alive(Path procStat) {
    String s = readQuietly(procStat);
    int close = s.lastIndexOf(')');
    if (!Files.exists(procStat) || close < 0 || close + 2 >= s.length()) {
      return false;
    }
    char state = s.charAt(close + 2);
    return state != 'Z' && state != 'X';
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p, UTF_8);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static void radosRoundTrip(DevCluster cluster) throws Exception {
    Rados rados = new Rados(cluster.clientId());
    rados.confReadFile(cluster.confPath().toFile());
    rados.connect();
    try {
      assertEquals(cluster.fsid(), rados.clusterFsid());
      IoCTX io = rados.ioCtxCreate(cluster.statePool());
      try {
        byte[] payload = "hello rados".getBytes(UTF_8);
        io.writeFull("foundation.obj", payload, payload.length);
        byte[] buf = new byte[64];
        int n = io.read("foundation.obj", buf.length, 0, buf);
        assertEquals(payload.length, n);
        assertArrayEquals(payload, java.util.Arrays.copyOf(buf, n));
        assertEquals(payload.length, io.stat("foundation.obj").getSize());
        io.remove("foundation.obj");
      } finally {
        rados.ioCtxDestroy(io);
      }
    } finally {
      rados.shutDown();
    }
  }

  private static void cephfsRoundTrip(DevCluster cluster) throws Exception {
    CephMount mount = new CephMount(cluster.clientId());
    mount.conf_read_file(cluster.confPath().toString());
    mount.conf_set("client_fs", cluster.fsName());
    mount.mount("/");
    try {
      mount.mkdirs("/foundation/dir", 0755);
      byte[] data = new byte[1 << 20];
      new Random(42).nextBytes(data);
      int fd = mount.open("/foundation/dir/file.bin", CephMount.O_CREAT | CephMount.O_RDWR, 0644);
      try {
        assertEquals(data.length, mount.write(fd, data, data.length, 0));
        mount.fsync(fd, false);
        byte[] back = new byte[data.length];
        assertEquals(data.length, mount.read(fd, back, back.length, 0));
        assertArrayEquals(data, back);
      } finally {
        mount.close(fd);
      }
      CephStat st = new CephStat();
      mount.stat("/foundation/dir/file.bin", st);
      assertEquals(data.length, st.size);
      assertTrue(st.isFile());
      assertFalse(st.isDir());
      assertArrayEquals(new String[] {"file.bin"}, mount.listdir("/foundation/dir"));
      mount.unlink("/foundation/dir/file.bin");
    } finally {
      mount.unmount();
    }
  }
}
