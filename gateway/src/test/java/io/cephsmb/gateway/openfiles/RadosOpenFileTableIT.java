package io.cephsmb.gateway.openfiles;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import org.junit.jupiter.api.extension.ExtendWith;

/** The open-file table on the real cluster, two RADOS clients as two nodes. */
@ExtendWith(CephDevClusterExtension.class)
class RadosOpenFileTableIT extends OpenFileTableContract {
  private final DevCluster cluster;

  RadosOpenFileTableIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  protected RadosClient newClient() {
    return LibradosClient.connect(cluster.confPath(), cluster.clientId());
  }

  @Override
  protected String pool() {
    return cluster.statePool();
  }
}
