package io.cephsmb.radoslock;

import io.cephsmb.omapkv.RecordFormat;
import java.util.List;

/** The records of the cluster-state object, for the state CLI (registered as a service). */
public final class ClusterRecordFormats implements RecordFormat.Provider {
  private static final String OID = ClusterState.DEFAULT_OID;

  @Override
  public List<RecordFormat> formats() {
    return List.of(
        RecordFormat.prefixed(NodeRecord.CODEC, OID, ClusterView.NODE_PREFIX),
        RecordFormat.prefixed(Heartbeat.CODEC, OID, ClusterView.HB_PREFIX),
        RecordFormat.exact(ClusterEpoch.CODEC, OID, ClusterView.EPOCH_KEY));
  }
}
