package io.cephsmb.gateway.oplock;

import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.memory.MemoryCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Cross-node oplock breaks on the twin. */
class MemoryOplockTest extends OplockContract {
  private static MemoryCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new MemoryCluster().createPool(".smb");
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
    return ".smb";
  }
}
