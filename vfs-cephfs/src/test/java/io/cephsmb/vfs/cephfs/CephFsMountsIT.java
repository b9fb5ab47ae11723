package io.cephsmb.vfs.cephfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.vfs.AsyncVfs;
import io.cephsmb.vfs.DirEntry;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.OpenFlag;
import io.cephsmb.vfs.TimeChange;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsHandle;
import io.cephsmb.vfs.VfsPath;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only the CephFS implementation has: the mount pool, its executors, btime via readdirplus.
 */
@ExtendWith(CephDevClusterExtension.class)
class CephFsMountsIT {
  @Test
  void sharesSpreadOverMountsAndSeeEachOthersWriteThrough(DevCluster cluster) throws Exception {
    try (CephFsMounts pool =
        CephFsMounts.open(
            new CephFsMounts.Config(
                cluster.confPath(), cluster.clientId(), cluster.fsName(), 2, 4, 64))) {
      assertEquals(2, pool.mounts().size());
      String dir = "/mounts-it-" + UUID.randomUUID();
      Vfs top = pool.share("/");
      top.mkdir(VfsPath.of(dir.substring(1)), 0755);
      CephFsVfs a = pool.share(dir);
      CephFsVfs b = pool.share(dir);
      assertNotSame(a.mount(), b.mount(), "round robin over the pool");

      byte[] data = new byte[1 << 20];
      new java.util.Random(5).nextBytes(data);
      VfsHandle h = a.open(VfsPath.of("f"), EnumSet.of(OpenFlag.WRITE, OpenFlag.CREATE), 0644);
      assertEquals(data.length, a.write(h, 3, ByteBuffer.wrap(data), true));
      // another Ceph client sees the acknowledged write-through data at once
      VfsHandle r = b.open(VfsPath.of("f"), EnumSet.of(OpenFlag.READ), 0);
      assertEquals(data.length + 3, b.stat(r).size());
      ByteBuffer got = ByteBuffer.allocate(data.length);
      assertEquals(data.length, b.read(r, 3, got));
      assertArrayEquals(data, got.array());
      b.close(r);
      a.close(h);

      // async calls run on the share's mount executor
      AsyncVfs async = pool.asyncShare(dir);
      String[] thread = new String[1];
      async
          .submit(
              () -> {
                thread[0] = Thread.currentThread().getName();
                return null;
              })
          .join();
      assertTrue(thread[0].startsWith("cephfs-"), thread[0]);
      assertEquals(data.length + 3, async.stat(VfsPath.of("f")).join().size());

      // btime set through setattrx: another client's stat sees it (cap revocation flushes it);
      // readdirplus shows it on the client that set it (another client's readdir reply can lag,
      // see README)
      long btime = 1_000_000_000_123_456_789L;
      a.setTimes(VfsPath.of("f"), new TimeChange(null, null, btime));
      assertEquals(btime, b.stat(VfsPath.of("f")).birthTimeNanos());
      try (DirStream d = a.openDir(VfsPath.root())) {
        List<DirEntry> es = d.next(10);
        assertEquals(1, es.size());
        assertEquals(btime, es.get(0).stat().birthTimeNanos());
        assertEquals(data.length + 3, es.get(0).stat().size());
        assertTrue(es.get(0).stat().ino() > 1);
      }
    }
  }

  @Test
  void shareRootMustBeAnAbsoluteDirectory(DevCluster cluster) throws Exception {
    try (CephFsMounts pool =
        CephFsMounts.open(
            new CephFsMounts.Config(
                cluster.confPath(), cluster.clientId(), cluster.fsName(), 1, 1, 4))) {
      assertEquals(
          Errno.ENOENT, assertThrows(VfsException.class, () -> pool.share("/no/such/dir")).errno());
      assertEquals(
          Errno.EINVAL, assertThrows(VfsException.class, () -> pool.share("relative")).errno());
      assertEquals(
          Errno.EINVAL, assertThrows(VfsException.class, () -> pool.share("/a/../b")).errno());
      String name = "rootfile-" + UUID.randomUUID();
      Vfs top = pool.share("/");
      top.close(top.open(VfsPath.of(name), EnumSet.of(OpenFlag.WRITE, OpenFlag.CREATE), 0644));
      assertEquals(
          Errno.ENOTDIR, assertThrows(VfsException.class, () -> pool.share("/" + name)).errno());
    }
  }

  @Test
  void missingConfFailsTheMount(DevCluster cluster) {
    VfsException e =
        assertThrows(
            VfsException.class,
            () ->
                CephFsMounts.open(
                    CephFsMounts.Config.defaults(
                        Path.of("/nonexistent/ceph.conf"), cluster.clientId(), cluster.fsName())));
    assertEquals(Errno.ENOENT, e.errno());
  }
}
