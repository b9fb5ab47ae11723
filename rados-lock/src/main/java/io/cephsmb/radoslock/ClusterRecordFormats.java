package io.cephsmb.radoslock;

import io.cephsmb.omapkv.RecordCodec;
import io.cephsmb.omapkv.RecordFormat;

/** The records of the cluster-state object, for the state CLI (registered as a service). */
public final class ClusterRecordFormats {
  private ClusterRecordFormats() {}

  /** node.&lt;id&gt; in cluster.state. */
  public static final class Node implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return NodeRecord.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.startsWith("cluster.state") && key.startsWith(ClusterView.NODE_PREFIX);
    }
  }

  /** hb.&lt;id&gt; in cluster.state. */
  public static final class Beat implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return Heartbeat.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.startsWith("cluster.state") && key.startsWith(ClusterView.HB_PREFIX);
    }
  }

  /** epoch in cluster.state. */
  public static final class Epoch implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return ClusterEpoch.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.startsWith("cluster.state") && key.equals(ClusterView.EPOCH_KEY);
    }
  }
}
