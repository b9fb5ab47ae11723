package io.cephsmb.radoslock;

import io.cephsmb.omapkv.Futures;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway node's part in the cluster: {@link Membership} (join, heartbeat, watch), the {@link
 * ClusterMutex} on the cluster-state object (whoever holds it is the leader), and, while leader,
 * the {@link FailureDetector} that suspects and fences silent nodes.
 *
 * <p>When this incarnation is fenced it stops everything and tells its listener; the process must
 * stop serving and may come back only with a new RADOS client (a new address) as a new incarnation.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  /**
   * Timing and naming.
   *
   * @param nodeId the node's stable name
   * @param addresses its service addresses
   * @param stateOid the cluster-state object (also carries the leader lock)
   * @param heartbeat heartbeat and leader tick interval
   * @param lockDuration the leader lock's duration (renewed every third)
   * @param suspectAfter silence after which the leader marks a node SUSPECT
   * @param downAfter silence after which the leader fences a node
   * @param blocklistExpiry how long a fenced client stays blocklisted
   */
  public record Config(
      String nodeId,
      List<String> addresses,
      String stateOid,
      Duration heartbeat,
      Duration lockDuration,
      Duration suspectAfter,
      Duration downAfter,
      Duration blocklistExpiry) {

    /** Production defaults: 1 s beats, 10 s lock, suspect after 5 s, fence after 10 s. */
    public static Config defaults(String nodeId, List<String> addresses) {
      return new Config(
          nodeId,
          addresses,
          ClusterState.DEFAULT_OID,
          Duration.ofSeconds(1),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofHours(1));
    }
  }

  /** What the node's owner hears. Must not block. */
  public interface Listener {
    default void viewChanged(ClusterView view) {}

    default void leadership(boolean leader) {}

    /** Fenced: everything is stopped; stop serving. */
    void fenced(String reason);
  }

  /** The name of the leader lock on the cluster-state object. */
  public static final String LEADER_LOCK = "cephsmb.leader";

  private final Config config;
  private final Listener listener;
  private final ScheduledExecutorService timer;
  private final ClusterState state;
  private final Membership membership;
  private final ClusterMutex mutex;
  private final FailureDetector detector;
  private ScheduledFuture<?> ticks;
  private volatile boolean closed;

  public ClusterNode(
      RadosClient client, String pool, String namespace, Config config, Listener listener) {
    this.config = config;
    this.listener = listener;
    AtomicInteger n = new AtomicInteger();
    this.timer =
        Executors.newScheduledThreadPool(
            3,
            r -> {
              Thread t =
                  new Thread(r, "cluster-node-" + config.nodeId() + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.state = new ClusterState(new KvStore(client.store(pool, namespace)), config.stateOid());
    this.membership =
        new Membership(
            state,
            client,
            config.nodeId(),
            config.addresses(),
            timer,
            config.heartbeat(),
            new Membership.Listener() {
              @Override
              public void viewChanged(ClusterView view) {
                listener.viewChanged(view);
              }

              @Override
              public void fenced(String reason) {
                onFenced(reason);
              }
            });
    this.mutex =
        new ClusterMutex(
            state.kv().objects(),
            config.stateOid(),
            LEADER_LOCK,
            config.nodeId() + "@" + client.instanceId(),
            config.lockDuration(),
            timer,
            new ClusterMutex.Listener() {
              @Override
              public void acquired() {
                listener.leadership(true);
              }

              @Override
              public void lost(String reason) {
                LOG.warn(config.nodeId() + " lost leadership: " + reason);
                listener.leadership(false);
                if (!closed && !membership.isFenced()) {
                  mutex.acquireLoop(config.heartbeat());
                }
              }
            });
    this.detector =
        new FailureDetector(
            state,
            new Fencer(client, state, config.blocklistExpiry()),
            mutex,
            config.nodeId(),
            config.suspectAfter(),
            config.downAfter());
  }

  /** Joins, then contends for leadership; completes with the first view. */
  public CompletableFuture<ClusterView> start() {
    return membership
        .join()
        .thenApply(
            view -> {
              mutex.acquireLoop(config.heartbeat());
              long ms = config.heartbeat().toMillis();
              synchronized (this) {
                ticks = timer.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
              }
              return view;
            });
  }

  private void tick() {
    try {
      for (FailureDetector.Action a : Futures.join(detector.tick())) {
        LOG.info("leader " + config.nodeId() + ": " + a);
      }
    } catch (RuntimeException e) {
      LOG.warn("leader tick failed", e);
    }
  }

  public boolean isLeader() {
    return mutex.isHeld();
  }

  public long incarnation() {
    return membership.incarnation();
  }

  public ClusterView view() {
    return membership.view();
  }

  public ClusterState state() {
    return state;
  }

  /** The leader's guard, for writes only the leader may make. */
  public io.cephsmb.omapkv.WriteOp.Step leaderGuard() {
    return mutex.guard();
  }

  private void onFenced(String reason) {
    LOG.error(config.nodeId() + " is fenced: " + reason);
    close();
    listener.fenced(reason);
  }

  /** Leaves the cluster cleanly, then stops. */
  public CompletableFuture<Long> leave() {
    stopTicks();
    mutex.close();
    return membership.leave().whenComplete((e, err) -> close());
  }

  private synchronized void stopTicks() {
    if (ticks != null) {
      ticks.cancel(false);
    }
  }

  /** Stops heartbeats, leadership and the timer (the leader of the others will notice). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopTicks();
    mutex.close();
    membership.close();
    timer.shutdown();
  }
}
