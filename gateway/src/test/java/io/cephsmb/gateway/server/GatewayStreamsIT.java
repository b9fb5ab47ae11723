package io.cephsmb.gateway.server;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.config.ShareRecord;
import io.cephsmb.gateway.daemon.GatewayNode;
import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.gateway.testing.ClientProcess;
import io.cephsmb.gateway.testing.ClientProcess.Result;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.cephfs.CephFsMounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alternate data streams on CephFS through two gateway nodes on the dev cluster, with smbclient: a
 * named stream bigger than any xattr (2 MiB) put and read back byte-exact through both nodes,
 * listed by allinfo with its size, kept through a rename of the file, and removed (its storage too)
 * with the file.
 */
@ExtendWith(CephDevClusterExtension.class)
class GatewayStreamsIT {
  private static final String USER = "bob";
  private static final String PASSWORD = "Secret-2";

  private final DevCluster cluster;
  private String dir;
  private RadosClient admin;
  private CephFsMounts mounts;
  private Vfs cephRoot;
  private GatewayNode n1;
  private GatewayNode n2;
  @TempDir Path local;

  GatewayStreamsIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void start() throws Exception {
    String ns = "streams-" + UUID.randomUUID();
    dir = "streams-" + UUID.randomUUID();
    admin = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    KvStore kv = new KvStore(admin.store(cluster.statePool(), ns));
    join(new PassDb(kv).add(USER, Bytes.wrap(NtlmCrypto.ntHash(PASSWORD)), -1, -1));
    join(new ShareConfig(kv).add(new ShareRecord("data", "/" + dir, "", false, false, false)));
    mounts =
        CephFsMounts.open(
            CephFsMounts.Config.defaults(cluster.confPath(), cluster.clientId(), "cephfs"));
    cephRoot = mounts.share("/");
    cephRoot.mkdir(VfsPath.of(dir), 0755);
    n1 = node(ns, "s1");
    n2 = node(ns, "s2");
  }

  private GatewayNode node(String ns, String name) throws InterruptedException {
    return GatewayNode.start(
        new GatewayNode.Bootstrap(
            cluster.confPath(), cluster.clientId(), cluster.statePool(), ns, name, "127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    if (n1 != null) {
      n1.close();
    }
    if (n2 != null) {
      n2.close();
    }
    try {
      removeTree(VfsPath.of(dir));
    } catch (Exception e) {
      // best effort: the dev cluster is scratch space
    }
    mounts.close();
    admin.close();
  }

  private void removeTree(VfsPath p) throws Exception {
    try (io.cephsmb.vfs.DirStream d = cephRoot.openDir(p)) {
      for (List<io.cephsmb.vfs.DirEntry> b = d.next(1000); !b.isEmpty(); b = d.next(1000)) {
        for (io.cephsmb.vfs.DirEntry e : b) {
          VfsPath c = p.resolve(e.name());
          if (e.stat().isDirectory()) {
            removeTree(c);
          } else {
            cephRoot.unlink(c);
          }
        }
      }
    }
    cephRoot.rmdir(p);
  }

  private Result smbclient(GatewayNode g, String commands) throws Exception {
    return ClientProcess.smbclient(
        local, g.port(), "data", USER + "%" + PASSWORD, commands, Duration.ofMinutes(3));
  }

  @Test
  void namedStreamPutGetListRenameDelete() throws Exception {
    byte[] data = new byte[2 * 1024 * 1024 + 13];
    new Random(5).nextBytes(data);
    Files.write(local.resolve("ads.bin"), data);
    Result r = smbclient(n1, "put ads.bin f.txt:ads; get f.txt:ads back.bin; allinfo f.txt");
    assertEquals(0, r.exit(), r.output());
    assertArrayEquals(data, Files.readAllBytes(local.resolve("back.bin")));
    assertTrue(r.output().contains("stream: [::$DATA], 0 bytes"), r.output());
    assertTrue(r.output().contains("stream: [:ads:$DATA], " + data.length + " bytes"), r.output());
    long ino = cephRoot.stat(VfsPath.of(dir, "f.txt")).ino();
    VfsPath store = VfsPath.of(dir, ".cephsmb-streams");
    assertEquals(1, cephRoot.openDir(streamDir(store, ino)).next(10).size());
    // the other node, after a rename of the file; the storage directory stays hidden
    Result other = smbclient(n2, "rename f.txt g.txt; get g.txt:ADS again.bin; ls");
    assertEquals(0, other.exit(), other.output());
    assertArrayEquals(data, Files.readAllBytes(local.resolve("again.bin")));
    assertTrue(!other.output().contains(".cephsmb-streams"), other.output());
    // the file goes, its streams with it
    Result del = smbclient(n1, "del g.txt; get g.txt:ads gone.bin");
    assertTrue(del.output().contains("NT_STATUS_OBJECT_NAME_NOT_FOUND"), del.output());
    try {
      cephRoot.stat(streamDir(store, ino));
      throw new AssertionError("the streams of a deleted file are left behind");
    } catch (VfsException e) {
      assertEquals(Errno.ENOENT, e.errno());
    }
    assertEquals(0, n1.files().openCount());
    assertEquals(0, n2.files().openCount());
  }

  private static VfsPath streamDir(VfsPath store, long ino) throws VfsException {
    return store.resolve(String.format("%02x", ino & 0xff)).resolve(String.format("%016x", ino));
  }
}
