package io.cephsmb.vfs.cephfs;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The VFS contract on CephFS of the dev cluster: one {@link CephFsMounts} pool for the class, a
 * fresh scratch directory {@code /vfs-it/<uuid>} per test (left behind; the memstore cluster is
 * disposable).
 */
@ExtendWith(CephDevClusterExtension.class)
class CephFsVfsContractIT extends VfsContract {
  private static CephFsMounts mounts;
  private String scratchDir;

  @BeforeAll
  static void mount(DevCluster cluster) throws Exception {
    mounts =
        CephFsMounts.open(
            new CephFsMounts.Config(
                cluster.confPath(), cluster.clientId(), cluster.fsName(), 2, 16, 20_000));
    Vfs top = mounts.share("/");
    try {
      top.mkdir(io.cephsmb.vfs.VfsPath.of("vfs-it"), 0755);
    } catch (io.cephsmb.vfs.VfsException e) {
      if (e.errno() != io.cephsmb.vfs.Errno.EEXIST) {
        throw e;
      }
    }
  }

  @AfterAll
  static void unmount() {
    if (mounts != null) {
      mounts.close();
    }
  }

  @Override
  protected Vfs newScratch() throws Exception {
    scratchDir = "/vfs-it/" + UUID.randomUUID();
    Vfs top = mounts.share("/vfs-it");
    top.mkdir(io.cephsmb.vfs.VfsPath.of(scratchDir.substring("/vfs-it/".length())), 0755);
    return mounts.share(scratchDir);
  }

  @Override
  protected Vfs openShare(String name) throws Exception {
    return mounts.share(scratchDir + "/" + name);
  }

  @Override
  protected String scratchAbsolute() {
    return scratchDir;
  }
}
