package io.cephsmb.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceph.rados.Rados;
import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run-wide cluster from {@link CephDevClusterExtension}: same cluster for every test. */
@ExtendWith(CephDevClusterExtension.class)
class SharedClusterIT {

  @Test
  void extensionGivesARunningClusterWithTheStatePool(DevCluster cluster) throws Exception {
    assertTrue(cluster.isRunning());
    Rados rados = new Rados(cluster.clientId());
    rados.confReadFile(cluster.confPath().toFile());
    rados.connect();
    try {
      assertTrue(
          Arrays.asList(rados.poolList()).contains(cluster.statePool()),
          "pools: " + Arrays.toString(rados.poolList()));
    } finally {
      rados.shutDown();
    }
  }

  @Test
  void everyTestGetsTheSameCluster(DevCluster a, DevCluster b) {
    assertEquals(a.dir(), b.dir());
    assertEquals(a.fsid(), b.fsid());
  }
}
