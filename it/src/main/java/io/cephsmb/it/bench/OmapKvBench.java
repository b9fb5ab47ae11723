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

  /**
   * One scenario's result, with the CPU time this process and (if {@code OSD_PID} names it) the OSD
   * spent on it.
   */
  record Result(
      String name,
      int threads,
      long ops,
      double seconds,
      long[] latenciesNanos,
      double clientCpuSeconds,
      double osdCpuSeconds,
      double machineBusy) {
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
      RetryPolicy retry = new RetryPolicy(100_000, Duration.ofNanos(100_000), Duration.ofMillis(5));
      KvStore kv = new KvStore(store, retry);
      KvStore uncached = new KvStore(store, retry, 0);
      Bytes payload = Bytes.utf8("x".repeat(64));
      List<Result> results = new ArrayList<>();
      // warm up connections, PG maps and the JIT compiler: every kind of operation measured below
      // runs first, unmeasured, so that no scenario pays for compiling the code of the others (in
      // a fresh JVM compilation took about a third of the client's CPU of the first scenarios)
      run("warmup", 4, 1, t -> raw(store, "warm-" + t, payload));
      run("warmup", 16, 1, t -> raw(store, "warm-" + t, payload));
      run("warmup", 16, 2, t -> incr(kv, "warm-obj-" + t));
      run("warmup", 1, 1, t -> incr(kv, "warm-obj-" + t));
      run("warmup", 16, 1, t -> incr(uncached, "warm-unc-" + t));
      run("warmup", 16, 1, t -> incrKey(kv, "warm-hot", "k" + t));
      results.add(run("raw omap write", 1, seconds, t -> raw(store, "raw-" + t, payload)));
      results.add(run("txn, distinct objects", 1, seconds, t -> incr(kv, "obj-" + t)));
      results.add(run("raw omap write", 16, seconds, t -> raw(store, "raw-" + t, payload)));
      results.add(run("txn, distinct objects", 16, seconds, t -> incr(kv, "obj-" + t)));
      results.add(run("txn, distinct, read first", 1, seconds, t -> incr(uncached, "unc-" + t)));
      results.add(run("txn, distinct, read first", 16, seconds, t -> incr(uncached, "unc-" + t)));
      results.add(
          run("txn, one hot object, own key", 16, seconds, t -> incrKey(kv, "hot", "k" + t)));
      results.add(run("txn, one hot key", 16, seconds, t -> incr(kv, "hotkey")));
      results.removeIf(java.util.Objects::isNull);
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

  private static final long OSD_PID = Long.parseLong(System.getenv().getOrDefault("OSD_PID", "0"));

  /** utime+stime of a process in seconds, from /proc (NaN if unreadable). */
  static double cpuSeconds(long pid) {
    try {
      String stat =
          java.nio.file.Files.readString(
              Paths.get("/proc/" + (pid == 0 ? "self" : Long.toString(pid)) + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Only scenarios whose name contains $OMAPKV_BENCH_ONLY run (all when unset): for profiling. */
  private static final String ONLY = System.getenv().getOrDefault("OMAPKV_BENCH_ONLY", "");

  static Result run(String name, int threads, double seconds, Op op) throws InterruptedException {
    if (!name.equals("warmup") && !name.contains(ONLY)) {
      return null;
    }
    double client0 = cpuSeconds(0);
    double osd0 = OSD_PID > 0 ? cpuSeconds(OSD_PID) : Double.NaN;
    long[] machine0 = machineTicks();
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
    double osd = OSD_PID > 0 ? cpuSeconds(OSD_PID) - osd0 : Double.NaN;
    long[] machine1 = machineTicks();
    double busy =
        machine1[1] == machine0[1]
            ? Double.NaN
            : (double) (machine1[0] - machine0[0]) / (machine1[1] - machine0[1]);
    return new Result(name, threads, ops.get(), took, all, cpuSeconds(0) - client0, osd, busy);
  }

  /**
   * Busy and total jiffies of the whole machine from /proc/stat (busy = all but idle and iowait),
   * so the table shows whether a scenario ran out of CPU rather than out of parallelism.
   */
  static long[] machineTicks() {
    try {
      String cpu = java.nio.file.Files.readAllLines(Paths.get("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {total - idle, total};
    } catch (java.io.IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  static void print(List<Result> results) {
    System.out.printf(
        "%-32s %7s %10s %9s %9s %12s %12s %9s%n",
        "scenario",
        "threads",
        "ops/s",
        "p50 ms",
        "p99 ms",
        "client us/op",
        "osd us/op",
        "CPU busy");
    for (Result r : results) {
      System.out.printf(
          "%-32s %7d %10.0f %9.3f %9.3f %12.0f %12.0f %8.0f%%%n",
          r.name(),
          r.threads(),
          r.rate(),
          r.percentileMs(0.50),
          r.percentileMs(0.99),
          r.clientCpuSeconds() * 1e6 / r.ops(),
          r.osdCpuSeconds() * 1e6 / r.ops(),
          r.machineBusy() * 100);
    }
    if (!ONLY.isEmpty()) {
      return;
    }
    System.out.printf(
        "txn scaling, 16 threads on distinct objects vs 1 thread: %.1fx (target >= 4x);"
            + " reading first: %.1fx; raw omap write: %.1fx%n",
        find(results, "txn, distinct objects", 16).rate()
            / find(results, "txn, distinct objects", 1).rate(),
        find(results, "txn, distinct, read first", 16).rate()
            / find(results, "txn, distinct, read first", 1).rate(),
        find(results, "raw omap write", 16).rate() / find(results, "raw omap write", 1).rate());
    System.out.printf(
        "txn vs raw omap write round trip, 1 thread: %.2fx the latency (p50)%n",
        find(results, "txn, distinct objects", 1).percentileMs(0.5)
            / find(results, "raw omap write", 1).percentileMs(0.5));
  }

  private static Result find(List<Result> results, String name, int threads) {
    for (Result r : results) {
      if (r.name().equals(name) && r.threads() == threads) {
        return r;
      }
    }
    throw new IllegalStateException(name);
  }
}
