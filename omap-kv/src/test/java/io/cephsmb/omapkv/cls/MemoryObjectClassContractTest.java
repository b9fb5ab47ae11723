package io.cephsmb.omapkv.cls;

import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.memory.MemoryCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The object-class contract against the in-memory twin. */
class MemoryObjectClassContractTest extends ObjectClassContract {
  private static MemoryCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new MemoryCluster().createPool("state");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Override
  protected RadosClient newClient() {
    return cluster.connect();
  }

  @Override
  protected String pool() {
    return "state";
  }
}
