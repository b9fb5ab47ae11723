package io.cephsmb.omapkv.rados;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.KvStoreContract;
import io.cephsmb.omapkv.RadosClient;
import org.junit.jupiter.api.extension.ExtendWith;

/** The KvStore contract against the real dev cluster (the twin runs the same suite). */
@ExtendWith(CephDevClusterExtension.class)
class RadosKvStoreContractIT extends KvStoreContract {
  private final DevCluster cluster;

  RadosKvStoreContractIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  protected RadosClient newClient() {
    return RadosTestSupport.connect(cluster);
  }

  @Override
  protected String pool() {
    return cluster.statePool();
  }
}
