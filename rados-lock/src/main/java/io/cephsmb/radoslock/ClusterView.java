package io.cephsmb.radoslock;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Records;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One consistent reading of {@code cluster.state}.
 *
 * @param version the object version it was read at
 * @param epoch the cluster epoch
 * @param nodes node records by id
 * @param heartbeats heartbeats by node id
 */
public record ClusterView(
    long version, long epoch, Map<String, NodeRecord> nodes, Map<String, Heartbeat> heartbeats) {

  /** omap key of the epoch. */
  public static final String EPOCH_KEY = "epoch";

  /** omap key prefix of node records. */
  public static final String NODE_PREFIX = "node.";

  /** omap key prefix of heartbeats. */
  public static final String HB_PREFIX = "hb.";

  public ClusterView {
    nodes = Map.copyOf(nodes);
    heartbeats = Map.copyOf(heartbeats);
  }

  /** Decodes the entries of {@code cluster.state}; a corrupt record fails the whole view. */
  public static ClusterView decode(long version, SortedMap<String, Bytes> entries) {
    long epoch = 0;
    Map<String, NodeRecord> nodes = new TreeMap<>();
    Map<String, Heartbeat> hbs = new TreeMap<>();
    for (Map.Entry<String, Bytes> e : entries.entrySet()) {
      String k = e.getKey();
      if (k.equals(EPOCH_KEY)) {
        epoch = Records.decode(ClusterEpoch.CODEC, e.getValue()).value().epoch();
      } else if (k.startsWith(NODE_PREFIX)) {
        nodes.put(
            k.substring(NODE_PREFIX.length()),
            Records.decode(NodeRecord.CODEC, e.getValue()).value());
      } else if (k.startsWith(HB_PREFIX)) {
        hbs.put(
            k.substring(HB_PREFIX.length()), Records.decode(Heartbeat.CODEC, e.getValue()).value());
      }
    }
    return new ClusterView(version, epoch, nodes, hbs);
  }
}
