package io.cephsmb.gateway.oplock;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cross-node oplock breaks on the real cluster: two RADOS clients as two gateway nodes, each
 * watching its mailbox object.
 */
@ExtendWith(CephDevClusterExtension.class)
class RadosOplockIT extends OplockContract {
  private final DevCluster cluster;

  RadosOplockIT(DevCluster cluster) {
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
