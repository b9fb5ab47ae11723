package io.cephsmb.radoslock;

import io.cephsmb.omapkv.BlocklistedException;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.Records;
import io.cephsmb.omapkv.Watch;
import io.cephsmb.omapkv.WatchListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership: it joins {@code cluster.state} as a new incarnation, heartbeats, watches
 * the object and re-reads the view on every notify (and every few beats, in case a notify was
 * missed). If a heartbeat finds its incarnation marked DOWN, or its client blocklisted, it reports
 * {@link Listener#fenced} once and stops.
 */
public final class Membership implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

  /** What the node hears. Called on the timer or store threads; must not block. */
  public interface Listener {
    /** A new view of the cluster (epoch changed, or a periodic re-read). */
    void viewChanged(ClusterView view);

    /** This incarnation is fenced; stop serving. */
    void fenced(String reason);
  }

  private final ClusterState state;
  private final RadosClient client;
  private final String nodeId;
  private final List<String> addresses;
  private final ScheduledExecutorService timer;
  private final Duration interval;
  private final Listener listener;
  private final AtomicLong counter = new AtomicLong();
  private final AtomicBoolean fenced = new AtomicBoolean();
  private volatile long incarnation;
  private volatile ClusterView view;
  private Watch watch;
  private ScheduledFuture<?> beats;

  public Membership(
      ClusterState state,
      RadosClient client,
      String nodeId,
      List<String> addresses,
      ScheduledExecutorService timer,
      Duration heartbeatInterval,
      Listener listener) {
    this.state = state;
    this.client = client;
    this.nodeId = nodeId;
    this.addresses = List.copyOf(addresses);
    this.timer = timer;
    this.interval = heartbeatInterval;
    this.listener = listener;
  }

  public String nodeId() {
    return nodeId;
  }

  /** This incarnation (the epoch it joined at); 0 before {@link #join()}. */
  public long incarnation() {
    return incarnation;
  }

  /** The latest view read. */
  public ClusterView view() {
    return view;
  }

  /** Joins as a new incarnation, starts watching and heartbeating. */
  public CompletableFuture<ClusterView> join() {
    String nk = ClusterState.nodeKey(nodeId);
    String hk = ClusterState.hbKey(nodeId);
    return state
        .kv()
        .update(
            state.oid(),
            ReadSet.of(ClusterView.EPOCH_KEY, nk, hk),
            txn -> {
              long next = ClusterState.epochOf(txn) + 1;
              long now = System.currentTimeMillis();
              ClusterState.bumpEpoch(txn, next);
              NodeRecord me =
                  new NodeRecord(
                      nodeId,
                      next,
                      client.address(),
                      client.instanceId(),
                      addresses,
                      NodeStatus.UP,
                      now);
              txn.set(nk, Records.encode(NodeRecord.CODEC, next, me));
              txn.set(hk, Records.encode(Heartbeat.CODEC, next, new Heartbeat(next, 0, now)));
              return next;
            })
        .thenCompose(
            inc -> {
              incarnation = inc;
              startWatch();
              synchronized (this) {
                long ms = interval.toMillis();
                beats = timer.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
              }
              return state.announce(inc);
            })
        .thenCompose(e -> refresh());
  }

  private void startWatch() {
    WatchListener wl =
        new WatchListener() {
          @Override
          public CompletableFuture<Bytes> onNotify(long notifyId, long notifierId, Bytes p) {
            CompletableFuture<?> unused = refresh();
            return CompletableFuture.completedFuture(Bytes.EMPTY);
          }

          @Override
          public void onError(KvException error) {
            LOG.warn("watch on " + state.oid() + " lost; watching again", error);
            timer.execute(Membership.this::rewatch);
          }
        };
    synchronized (this) {
      watch = state.kv().objects().watch(state.oid(), wl);
    }
  }

  private void rewatch() {
    synchronized (this) {
      if (watch != null) {
        watch.close();
        watch = null;
      }
    }
    if (!fenced.get()) {
      try {
        startWatch();
      } catch (KvException e) {
        onFailure(e);
      }
    }
  }

  /** Re-reads the view and tells the listener. */
  public CompletableFuture<ClusterView> refresh() {
    return state
        .read()
        .thenApply(
            v -> {
              ClusterView old = view;
              if (old == null || v.version() > old.version()) {
                view = v;
              }
              NodeRecord me = v.nodes().get(nodeId);
              if (me != null
                  && me.incarnation() == incarnation
                  && (me.status() == NodeStatus.DOWN || me.status() == NodeStatus.LEFT)) {
                reportFenced("the cluster marked this incarnation " + me.status());
              }
              listener.viewChanged(v);
              return v;
            });
  }

  private void beat() {
    if (fenced.get()) {
      return;
    }
    String nk = ClusterState.nodeKey(nodeId);
    String hk = ClusterState.hbKey(nodeId);
    long inc = incarnation;
    try {
      Futures.join(
          state
              .kv()
              .update(
                  state.oid(),
                  ReadSet.of(nk),
                  txn -> {
                    NodeRecord me =
                        txn.get(nk)
                            .map(b -> Records.decode(NodeRecord.CODEC, b).value())
                            .orElse(null);
                    if (me == null || me.incarnation() != inc) {
                      throw new FencedException("node record of " + nodeId + " is gone or newer");
                    }
                    if (me.status() == NodeStatus.DOWN || me.status() == NodeStatus.LEFT) {
                      throw new FencedException("this incarnation was marked " + me.status());
                    }
                    long c = counter.incrementAndGet();
                    txn.set(
                        hk,
                        Records.encode(
                            Heartbeat.CODEC, c, new Heartbeat(inc, c, System.currentTimeMillis())));
                    return c;
                  }));
      if (counter.get() % 5 == 0) {
        CompletableFuture<?> unused = refresh();
      }
    } catch (RuntimeException e) {
      onFailure(e);
    }
  }

  private void onFailure(Throwable e) {
    Throwable c = Futures.unwrap(e);
    if (c instanceof FencedException || c instanceof BlocklistedException) {
      reportFenced(c.getMessage());
    } else {
      LOG.warn("heartbeat of " + nodeId + " failed; will retry", c);
    }
  }

  private void reportFenced(String reason) {
    if (fenced.compareAndSet(false, true)) {
      synchronized (this) {
        if (beats != null) {
          beats.cancel(false);
        }
      }
      listener.fenced(reason);
    }
  }

  /** Whether this incarnation has been fenced. */
  public boolean isFenced() {
    return fenced.get();
  }

  /** Leaves the cluster cleanly (status LEFT), then stops. */
  public CompletableFuture<Long> leave() {
    stop();
    return state.changeStatus(nodeId, incarnation, NodeStatus.LEFT, null);
  }

  private synchronized void stop() {
    if (beats != null) {
      beats.cancel(false);
    }
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }

  /** Stops heartbeating and watching (without leaving: the leader will notice). */
  @Override
  public void close() {
    stop();
  }
}
