package io.cephsmb.radoslock;

import io.cephsmb.omapkv.BlocklistedException;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.RetryPolicy;
import io.cephsmb.omapkv.Watch;
import io.cephsmb.omapkv.WatchListener;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.rados.LibradosClient;
import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A child process for the multi-process tests: one real RADOS client doing one role, reporting on
 * stdout, one event per line. Roles:
 *
 * <ul>
 *   <li>{@code mutex CONF ID POOL NS OID DURATION_MS WRITE_MS}: contends for the mutex on OID; once
 *       it holds it, writes "writes.<cookie>" = counter every WRITE_MS with the mutex guard
 *       (whether or not it still believes it holds the lock: the OSD is the judge).
 *   <li>{@code counter CONF ID POOL NS OID THREADS COUNT}: THREADS threads increment "counter"
 *       through the transaction API, COUNT times in all.
 *   <li>{@code watch CONF ID POOL NS OID}: watches OID and acks every notify with "alive".
 * </ul>
 */
public final class LockProbe {
  private LockProbe() {}

  static void say(String line) {
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }

  public static void main(String[] args) throws Exception {
    LibradosClient client = LibradosClient.connect(Paths.get(args[1]), args[2]);
    ObjectStore store = client.store(args[3], args[4]);
    say("ADDR " + client.address() + " " + client.instanceId());
    switch (args[0]) {
      case "mutex" -> mutex(store, args[5], Long.parseLong(args[6]), Long.parseLong(args[7]));
      case "counter" ->
          counter(store, args[5], Integer.parseInt(args[6]), Integer.parseInt(args[7]));
      case "watch" -> watch(store, args[5]);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void mutex(ObjectStore store, String oid, long durationMs, long writeMs)
      throws InterruptedException {
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    String cookie = "probe-" + ProcessHandle.current().pid();
    CompletableFuture<Void> acquired = new CompletableFuture<>();
    ClusterMutex m =
        new ClusterMutex(
            store,
            oid,
            "leader",
            cookie,
            Duration.ofMillis(durationMs),
            timer,
            new ClusterMutex.Listener() {
              @Override
              public void acquired() {
                say("ACQUIRED");
                acquired.complete(null);
              }

              @Override
              public void lost(String reason) {
                say("LOST " + reason);
              }
            });
    m.acquireLoop(Duration.ofMillis(100));
    acquired.join();
    for (long n = 1; ; n++) {
      try {
        Futures.join(
            store.write(
                oid,
                WriteOp.builder()
                    .add(m.guard())
                    .omapSet("writes." + cookie, Bytes.utf8(Long.toString(n)))
                    .build()));
        say("WROTE " + n);
      } catch (BlocklistedException e) {
        say("FENCED " + e.getMessage());
        System.exit(3);
      } catch (RuntimeException e) {
        say("WRITE_FAILED " + e.getClass().getSimpleName() + " " + e.getMessage());
      }
      Thread.sleep(writeMs);
    }
  }

  private static void counter(ObjectStore store, String oid, int threads, int count)
      throws InterruptedException {
    KvStore kv =
        new KvStore(
            store, new RetryPolicy(100_000, Duration.ofNanos(200_000), Duration.ofMillis(20)));
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = count / threads + (t < count % threads ? 1 : 0);
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < share; i++) {
                  Futures.join(
                      kv.update(
                          oid,
                          ReadSet.of("counter"),
                          txn -> {
                            long v =
                                txn.get("counter")
                                    .map(b -> ByteBuffer.wrap(b.toArray()).getLong())
                                    .orElse(0L);
                            txn.set(
                                "counter",
                                Bytes.wrap(ByteBuffer.allocate(8).putLong(v + 1).array()));
                            return v + 1;
                          }));
                }
              });
      th.start();
      ts.add(th);
    }
    for (Thread t : ts) {
      t.join();
    }
    say("DONE " + count);
    System.exit(0);
  }

  private static void watch(ObjectStore store, String oid) throws InterruptedException {
    Watch w =
        store.watch(
            oid,
            new WatchListener() {
              @Override
              public CompletableFuture<Bytes> onNotify(long id, long notifier, Bytes payload) {
                return CompletableFuture.completedFuture(Bytes.utf8("alive"));
              }

              @Override
              public void onError(io.cephsmb.omapkv.KvException error) {
                say("WATCH_ERROR " + error.getMessage());
              }
            });
    say("WATCHING " + w.cookie());
    Thread.sleep(Long.MAX_VALUE);
  }
}
