package io.cephsmb.gateway.openfiles;

import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.memory.MemoryCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The open-file table on the twin. */
class MemoryOpenFileTableTest extends OpenFileTableContract {
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
