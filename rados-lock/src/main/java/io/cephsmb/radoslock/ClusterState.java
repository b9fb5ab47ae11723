package io.cephsmb.radoslock;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.NotifyResult;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.Records;
import io.cephsmb.omapkv.WriteOp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Reads and changes the cluster-state object ({@code cluster.state} by default): every membership
 * change bumps the epoch in the same guarded transaction and then notifies the object's watchers
 * with the new epoch.
 */
public final class ClusterState {
  /** The default name of the cluster-state object. */
  public static final String DEFAULT_OID = "cluster.state";

  static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(5);

  private final KvStore kv;
  private final String oid;

  public ClusterState(KvStore kv, String oid) {
    this.kv = kv;
    this.oid = oid;
  }

  public KvStore kv() {
    return kv;
  }

  public String oid() {
    return oid;
  }

  /** A consistent view of every node, heartbeat and the epoch. */
  public CompletableFuture<ClusterView> read() {
    return kv.read(oid, ReadSet.prefix(""))
        .thenApply(s -> ClusterView.decode(s.version(), s.entries()));
  }

  static String nodeKey(String id) {
    return ClusterView.NODE_PREFIX + id;
  }

  static String hbKey(String id) {
    return ClusterView.HB_PREFIX + id;
  }

  static long epochOf(io.cephsmb.omapkv.Txn txn) {
    return txn.get(ClusterView.EPOCH_KEY)
        .map(b -> Records.decode(ClusterEpoch.CODEC, b).value().epoch())
        .orElse(0L);
  }

  static void bumpEpoch(io.cephsmb.omapkv.Txn txn, long next) {
    txn.set(
        ClusterView.EPOCH_KEY, Records.encode(ClusterEpoch.CODEC, next, new ClusterEpoch(next)));
  }

  /**
   * Moves node {@code id} (only the incarnation given) to {@code status}, bumping the epoch; {@code
   * guard} (for example the leader's {@link ClusterMutex#guard()}) must hold on the object.
   * Completes with the new epoch, or with 0 if the node is not in that incarnation any more
   * (nothing written). Then notifies watchers.
   */
  public CompletableFuture<Long> changeStatus(
      String id, long incarnation, NodeStatus status, WriteOp.Step guard) {
    return kv.update(
            oid,
            ReadSet.of(ClusterView.EPOCH_KEY, nodeKey(id)),
            txn -> {
              NodeRecord n =
                  txn.get(nodeKey(id))
                      .map(b -> Records.decode(NodeRecord.CODEC, b).value())
                      .orElse(null);
              if (n == null || n.incarnation() != incarnation || n.status() == status) {
                return 0L;
              }
              long next = epochOf(txn) + 1;
              bumpEpoch(txn, next);
              txn.set(
                  nodeKey(id),
                  Records.encode(
                      NodeRecord.CODEC, next, n.withStatus(status, System.currentTimeMillis())));
              if (guard != null) {
                txn.require(guard);
              }
              return next;
            })
        .thenCompose(epoch -> epoch == 0 ? CompletableFuture.completedFuture(0L) : announce(epoch));
  }

  /** Notifies the watchers of a new epoch; a failed notify is not an error (watchers re-read). */
  CompletableFuture<Long> announce(long epoch) {
    CompletableFuture<NotifyResult> n =
        kv.objects()
            .notify(
                oid,
                Bytes.wrap(Long.toString(epoch).getBytes(StandardCharsets.US_ASCII)),
                NOTIFY_TIMEOUT);
    return Futures.flatHandle(n, (r, err) -> CompletableFuture.completedFuture(epoch));
  }
}
