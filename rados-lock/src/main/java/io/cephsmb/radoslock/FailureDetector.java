package io.cephsmb.radoslock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The leader's watch over the other nodes. Each {@link #tick} reads the cluster state; a node whose
 * heartbeat counter has not moved for {@code suspectAfter} (by this process's monotonic clock; wall
 * clocks of different nodes are never compared) is marked SUSPECT, and one silent for {@code
 * downAfter} is fenced by the {@link Fencer}. Only the holder of the cluster mutex ticks, and every
 * status change carries the mutex's guard.
 */
public final class FailureDetector {

  /** What was last seen of a node: which heartbeat, since when (nanoTime). */
  private record Seen(long incarnation, long counter, long sinceNanos) {}

  private final ClusterState state;
  private final Fencer fencer;
  private final ClusterMutex mutex;
  private final String selfId;
  private final Duration suspectAfter;
  private final Duration downAfter;
  private final Map<String, Seen> seen = new HashMap<>();

  public FailureDetector(
      ClusterState state,
      Fencer fencer,
      ClusterMutex mutex,
      String selfId,
      Duration suspectAfter,
      Duration downAfter) {
    if (downAfter.compareTo(suspectAfter) < 0) {
      throw new IllegalArgumentException("downAfter must not be shorter than suspectAfter");
    }
    this.state = state;
    this.fencer = fencer;
    this.mutex = mutex;
    this.selfId = selfId;
    this.suspectAfter = suspectAfter;
    this.downAfter = downAfter;
  }

  /** One action the detector took. */
  public record Action(String nodeId, long incarnation, NodeStatus newStatus) {}

  /**
   * Looks at every node once and suspects or fences the silent ones; completes with what it did.
   * Does nothing unless this process holds the mutex.
   */
  public synchronized CompletableFuture<List<Action>> tick() {
    if (!mutex.isHeld()) {
      seen.clear();
      return CompletableFuture.completedFuture(List.of());
    }
    return state.read().thenCompose(this::judge);
  }

  private synchronized CompletableFuture<List<Action>> judge(ClusterView view) {
    long now = System.nanoTime();
    List<CompletableFuture<Action>> acts = new ArrayList<>();
    seen.keySet().retainAll(view.nodes().keySet());
    for (NodeRecord n : view.nodes().values()) {
      if (n.id().equals(selfId) || n.status() == NodeStatus.DOWN || n.status() == NodeStatus.LEFT) {
        seen.remove(n.id());
        continue;
      }
      Heartbeat hb = view.heartbeats().get(n.id());
      long counter = hb == null || hb.incarnation() != n.incarnation() ? -1 : hb.counter();
      Seen s = seen.get(n.id());
      if (s == null || s.incarnation() != n.incarnation() || s.counter() != counter) {
        seen.put(n.id(), new Seen(n.incarnation(), counter, now));
        continue;
      }
      long silent = now - s.sinceNanos();
      if (silent >= downAfter.toNanos()) {
        acts.add(
            fencer
                .fence(n, mutex.guard())
                .thenApply(e -> new Action(n.id(), n.incarnation(), NodeStatus.DOWN)));
      } else if (silent >= suspectAfter.toNanos() && n.status() == NodeStatus.UP) {
        acts.add(
            state
                .changeStatus(n.id(), n.incarnation(), NodeStatus.SUSPECT, mutex.guard())
                .thenApply(e -> new Action(n.id(), n.incarnation(), NodeStatus.SUSPECT)));
      }
    }
    return CompletableFuture.allOf(acts.toArray(CompletableFuture[]::new))
        .thenApply(v -> acts.stream().map(CompletableFuture::join).toList());
  }
}
