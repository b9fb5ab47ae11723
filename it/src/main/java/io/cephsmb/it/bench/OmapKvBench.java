package io.cephsmb.it.bench;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.RetryPolicy;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.rados.LibradosClient;
import java.nio.ByteBuffer;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the state layer on a real cluster: transactions per second and latency percentiles
 * of {@link KvStore#update} (read a counter, write it back guarded) with 1 and 16 threads, on
 * distinct objects and on one hot object, beside the raw round trip of a single omap write in the
 * same run. Prints a table; asserts nothing.
 *
 * <p>Usage: {@code OmapKvBench CEPH_CONF CLIENT_ID POOL [SECONDS]}.
 */
public final class OmapKvBench {
  private OmapKvBench() {}

  /** One scenario's result. */
  record Result(String name, int threads, long ops, double seconds, long[] latenciesNanos) {
    double rate() {
      return ops / seconds;
    }

    double percentileMs(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latenciesNanos.length - 1, Math.floor(p * latenciesNanos.length));
      return latenciesNanos[i] / 1e6;
    }
  }

  /** One operation of a scenario, by thread index. */
  interface Op {
    void run(int thread);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: OmapKvBench CEPH_CONF CLIENT_ID POOL [SECONDS]");
      System.exit(2);
    }
    double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 5;
    try (RadosClient client = LibradosClient.connect(Paths.get(args[0]), args[1])) {
      String ns = "bench-" + UUID.randomUUID();
      ObjectStore store = client.store(args[2], ns);
      KvStore kv =
          new KvStore(
              store, new RetryPolicy(100_000, Duration.ofNanos(100_000), Duration.ofMillis(5)));
      Bytes payload = Bytes.utf8("x".repeat(64));
      List<Result> results = new ArrayList<>();
      // warm up connections and PG maps
      run("warmup", 4, 1, t -> raw(store, "warm-" + t, payload));
      results.add(run("raw omap write", 1, seconds, t -> raw(store, "raw-" + t, payload)));
      results.add(run("txn, distinct objects", 1, seconds, t -> incr(kv, "obj-" + t)));
      results.add(run("raw omap write", 16, seconds, t -> raw(store, "raw-" + t, payload)));
      results.add(run("txn, distinct objects", 16, seconds, t -> incr(kv, "obj-" + t)));
      results.add(
          run("txn, one hot object, own key", 16, seconds, t -> incrKey(kv, "hot", "k" + t)));
      results.add(run("txn, one hot key", 16, seconds, t -> incr(kv, "hotkey")));
      print(results);
    }
  }

  private static void raw(ObjectStore store, String oid, Bytes payload) {
    Futures.join(store.write(oid, WriteOp.builder().omapSet("k", payload).build()));
  }

  private static void incr(KvStore kv, String oid) {
    incrKey(kv, oid, "counter");
  }

  private static void incrKey(KvStore kv, String oid, String key) {
    Futures.join(
        kv.update(
            oid,
            ReadSet.of(key),
            txn -> {
              long v = txn.get(key).map(b -> ByteBuffer.wrap(b.toArray()).getLong()).orElse(0L);
              txn.set(key, Bytes.wrap(ByteBuffer.allocate(8).putLong(v + 1).array()));
              return v + 1;
            }));
  }

  static Result run(String name, int threads, double seconds, Op op) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    AtomicLong ops = new AtomicLong();
    List<long[]> lat = new ArrayList<>();
    List<Thread> ts = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      int idx = t;
      long[][] mine = {new long[1 << 16]};
      int[] n = {0};
      Thread th =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  op.run(idx);
                  long d = System.nanoTime() - t0;
                  if (n[0] == mine[0].length) {
                    mine[0] = Arrays.copyOf(mine[0], n[0] * 2);
                  }
                  mine[0][n[0]++] = d;
                  ops.incrementAndGet();
                }
                synchronized (lat) {
                  lat.add(Arrays.copyOf(mine[0], n[0]));
                }
              });
      th.start();
      ts.add(th);
    }
    for (Thread th : ts) {
      th.join();
    }
    double took = (System.nanoTime() - start) / 1e9;
    long[] all = lat.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(name, threads, ops.get(), took, all);
  }

  static void print(List<Result> results) {
    System.out.printf(
        "%-32s %7s %10s %9s %9s%n", "scenario", "threads", "ops/s", "p50 ms", "p99 ms");
    for (Result r : results) {
      System.out.printf(
          "%-32s %7d %10.0f %9.3f %9.3f%n",
          r.name(), r.threads(), r.rate(), r.percentileMs(0.50), r.percentileMs(0.99));
    }
    Result one = results.get(1);
    Result sixteen = results.get(3);
    System.out.printf(
        "txn scaling, 16 threads on distinct objects vs 1 thread: %.1fx (target >= 4x)%n",
        sixteen.rate() / one.rate());
    System.out.printf(
        "txn vs raw omap write round trip, 1 thread: %.2fx the latency (p50)%n",
        one.percentileMs(0.5) / results.get(0).percentileMs(0.5));
  }
}
