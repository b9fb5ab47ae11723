package io.cephsmb.radoslock;

import io.cephsmb.omapkv.RadosClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Fences a node incarnation before anyone touches its state: blocklists its RADOS client address,
 * waits until this client has the OSD map carrying the blocklist (so the OSDs refuse the fenced
 * client from now on), then marks the incarnation DOWN in the cluster state under the leader's
 * guard, which notifies every node.
 */
public final class Fencer {
  private final RadosClient client;
  private final ClusterState state;
  private final Duration blocklistExpiry;

  public Fencer(RadosClient client, ClusterState state, Duration blocklistExpiry) {
    this.client = client;
    this.state = state;
    this.blocklistExpiry = blocklistExpiry;
  }

  /**
   * Fences {@code node}. Completes with the new epoch, or 0 if the node's record had already
   * changed (another incarnation, or already DOWN).
   *
   * @param leaderGuard the guard that only the current leader passes
   */
  public CompletableFuture<Long> fence(
      NodeRecord node, io.cephsmb.omapkv.WriteOp.Step leaderGuard) {
    return client
        .blocklistAdd(node.radosAddress(), blocklistExpiry)
        .thenCompose(v -> client.waitForLatestOsdMap())
        .thenCompose(
            v -> state.changeStatus(node.id(), node.incarnation(), NodeStatus.DOWN, leaderGuard));
  }
}
