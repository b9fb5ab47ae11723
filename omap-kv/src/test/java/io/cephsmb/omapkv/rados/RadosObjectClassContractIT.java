package io.cephsmb.omapkv.rados;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.cls.ObjectClassContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** The object-class contract against the real OSD (the twin runs the same suite). */
@ExtendWith(CephDevClusterExtension.class)
class RadosObjectClassContractIT extends ObjectClassContract {
  private final DevCluster cluster;

  RadosObjectClassContractIT(DevCluster cluster) {
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
