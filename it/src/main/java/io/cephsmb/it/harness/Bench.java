package io.cephsmb.it.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark mode: every workload run {@code runs} times with the targets interleaved (gateway,
 * Samba, gateway, Samba, ...), medians and spread per target, the ratio gateway/Samba, and raw
 * libcephfs from Java in the same run as the ceiling. Server CPU and memory come from {@code /proc}
 * for the target's processes (the parent and everything it forked). Nothing here asserts a timing.
 */
public final class Bench {

  /** What to run and how big. */
  public record Options(
      int runs,
      int tortureSeconds,
      int tortureProcs,
      long seqBytes,
      int smallFiles,
      int idleConnections,
      Set<String> workloads,
      boolean warmUp) {
    /** Every workload, in the order they run. */
    public static final List<String> WORKLOADS =
        List.of("echo", "open-close", "seq", "small-files", "idle");

    /** The defaults of {@code scripts/interop bench}. */
    public static Options defaults() {
      return new Options(3, 10, 4, 512L << 20, 500, 100, Set.copyOf(WORKLOADS), true);
    }

    /** Checks the workload names. */
    public Options {
      workloads = Set.copyOf(workloads);
      for (String w : workloads) {
        if (!WORKLOADS.contains(w)) {
          throw new IllegalArgumentException(
              "unknown workload " + w + ", expected one of " + WORKLOADS);
        }
      }
    }

    boolean runs(String workload) {
      return workloads.contains(workload);
    }
  }

  /** One figure: samples per target (or per "libcephfs" for the ceiling). */
  public static final class Metric {
    final String key;
    final String label;
    final String unit;
    final boolean higherIsBetter;
    final Map<String, List<Double>> samples = new LinkedHashMap<>();

    Metric(String key, String label, String unit, boolean higherIsBetter) {
      this.key = key;
      this.label = label;
      this.unit = unit;
      this.higherIsBetter = higherIsBetter;
    }

    /** Set during the warm-up pass: nothing is recorded. */
    boolean muted;

    void add(String target, double v) {
      if (!muted) {
        samples.computeIfAbsent(target, k -> new ArrayList<>()).add(v);
      }
    }

    /** The statistics of one target's samples. */
    public Stats stats(String target) {
      return Stats.of(samples.getOrDefault(target, List.of()));
    }
  }

  /** Everything a bench run produced. */
  public record Report(
      List<String> targets,
      Options options,
      List<Metric> metrics,
      List<Metric> ceiling,
      List<String> errors) {
    /** A metric by key (server or ceiling), or null. */
    public Metric metric(String key) {
      for (Metric m : metrics) {
        if (m.key.equals(key)) {
          return m;
        }
      }
      for (Metric m : ceiling) {
        if (m.key.equals(key)) {
          return m;
        }
      }
      return null;
    }
  }

  private static final Pattern ECHO = Pattern.compile("echo\\[num/s=(\\d+),");
  private static final Pattern OPEN = Pattern.compile("open\\[num/s=(\\d+),");
  private static final Pattern CLOSE = Pattern.compile("close\\[num/s=(\\d+),");
  private static final double MB = 1e6;
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final double MIB = 1024.0 * 1024;

  private final Options opt;
  private final Smbtorture torture;
  private final String smbclient;
  private final String stdbuf;
  private final TargetConfig cluster;
  private final PrintStream log;
  private final List<String> errors = new ArrayList<>();

  private final Metric echo = new Metric("echo_per_s", "smb2.bench.echo", "num/s", true);
  private final Metric openClose =
      new Metric("open_close_per_s", "smb2.bench.path-contention-shared", "opens+closes/s", true);
  private final Metric put = new Metric("seq_put_mb_s", "smbclient put (sequential)", "MB/s", true);
  private final Metric get = new Metric("seq_get_mb_s", "smbclient get (sequential)", "MB/s", true);
  private final Metric small =
      new Metric(
          "small_files_per_s",
          "small files: create+write 4 KiB+close, stat, delete",
          "files/s",
          true);
  private final Metric cpuPerGib =
      new Metric("cpu_s_per_gib", "server CPU per GiB transferred (put+get)", "CPU s/GiB", false);
  private final Metric cpuPerKOpen =
      new Metric(
          "cpu_s_per_1000_opens", "server CPU per 1,000 opens (path-contention)", "CPU s", false);
  private final Metric rssIdle =
      new Metric("rss_idle_mib", "server RSS, no connection", "MiB", false);
  private final Metric rssConns =
      new Metric("rss_conns_mib", "server RSS, N idle connections", "MiB", false);
  private final Metric pssConns =
      new Metric("pss_conns_mib", "server PSS, N idle connections", "MiB", false);
  private final Metric putCpuClient =
      new Metric("put_cpu_client_s", "put: smbclient CPU per put", "CPU s", false);
  private final Metric putCpuServer =
      new Metric("put_cpu_server_s", "put: server CPU per put", "CPU s", false);
  private final Metric putCpuOsd =
      new Metric("put_cpu_osd_s", "put: OSD CPU per put", "CPU s", false);
  private final Metric rawWrite =
      new Metric(
          "libcephfs_write_mb_s", "libcephfs from Java: sequential write + fsync", "MB/s", true);
  private final Metric rawRead =
      new Metric("libcephfs_read_mb_s", "libcephfs from Java: sequential read", "MB/s", true);
  private final Metric rawCpuClient =
      new Metric(
          "libcephfs_write_cpu_client_s",
          "write: client CPU (Java + libcephfs) per write",
          "CPU s",
          false);
  private final Metric rawCpuOsd =
      new Metric("libcephfs_write_cpu_osd_s", "write: OSD CPU per write", "CPU s", false);

  public Bench(Options opt, Smbtorture torture, TargetConfig cluster, PrintStream log) {
    this.opt = opt;
    this.torture = torture;
    this.smbclient = Exec.require("smbclient", "smbclient");
    this.stdbuf = Exec.require("stdbuf", "coreutils");
    this.cluster = cluster;
    this.log = log;
  }

  /** Runs every workload on the targets, interleaved, {@code runs} times each. */
  public Report run(List<Target> targets, Path scratch) {
    try {
      Files.createDirectories(scratch);
      Path big = scratch.resolve("seq.bin");
      writeRandom(big, opt.seqBytes(), 42);
      Path four = scratch.resolve("4k.bin");
      writeRandom(four, 4096, 7);

      if (opt.warmUp()) {
        warmUp(targets, big, four, scratch);
      }
      for (int r = 1; r <= opt.runs() && opt.runs("echo"); r++) {
        for (Target t : targets) {
          step(t, r, "smb2.bench.echo", () -> echo(t));
        }
      }
      for (int r = 1; r <= opt.runs() && opt.runs("open-close"); r++) {
        for (Target t : targets) {
          step(t, r, "smb2.bench.path-contention-shared", () -> openClose(t));
        }
      }
      for (int r = 1; r <= opt.runs() && opt.runs("seq"); r++) {
        for (Target t : targets) {
          final int run = r;
          step(t, r, "sequential put/get", () -> seq(t, big, scratch, run));
        }
        final int run = r;
        step(null, r, "libcephfs sequential write/read", () -> raw(run));
      }
      for (int r = 1; r <= opt.runs() && opt.runs("small-files"); r++) {
        for (Target t : targets) {
          final int run = r;
          step(t, r, "small files", () -> smallFiles(t, four, scratch, run));
        }
      }
      for (int r = 1; r <= opt.runs() && opt.runs("idle"); r++) {
        for (Target t : targets) {
          step(t, r, opt.idleConnections() + " idle connections", () -> idle(t, scratch));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Exec.deleteTree(scratch);
    }
    List<String> names = targets.stream().map(Target::name).toList();
    return new Report(names, opt, serverMetrics(), ceilingMetrics(), List.copyOf(errors));
  }

  /** The figures measured on the targets, in the order the report prints them. */
  private List<Metric> serverMetrics() {
    return List.of(
        echo,
        openClose,
        put,
        get,
        small,
        cpuPerGib,
        cpuPerKOpen,
        putCpuClient,
        putCpuServer,
        putCpuOsd,
        rssIdle,
        rssConns,
        pssConns);
  }

  /** The raw libcephfs ceiling. */
  private List<Metric> ceilingMetrics() {
    return List.of(rawWrite, rawRead, rawCpuClient, rawCpuOsd);
  }

  /** CPU seconds so far of this process (own) and of the children it has waited for. */
  private static double[] selfCpu() {
    long[] t = ProcStats.cpuTicks(ProcessHandle.current().pid());
    if (t == null) {
      throw new IllegalStateException("cannot read this process's /proc/<pid>/stat");
    }
    return new double[] {
      (t[0] + t[1]) / ProcStats.CLOCK_TICKS, (t[2] + t[3]) / ProcStats.CLOCK_TICKS
    };
  }

  /** CPU seconds so far of the cluster's OSD processes. */
  private double osdCpu() {
    String conf = cluster.cephConf().toString();
    List<Long> osds = ProcStats.matching(a -> a.get(0).endsWith("ceph-osd") && a.contains(conf));
    if (osds.isEmpty()) {
      throw new IllegalStateException("no ceph-osd process of " + conf + " found");
    }
    return ProcStats.usage(osds).cpuSeconds();
  }

  /**
   * One unmeasured pass of every selected workload on every target (and of the raw ceiling), so
   * that the measured runs see servers in their steady state: a long-running gateway has compiled
   * its hot paths, which a JVM started for the benchmark is still doing in its first runs (the JIT
   * compilers then take CPU from the workload on a small machine). Nothing from this pass is
   * recorded; a failure in it is reported like any other.
   */
  private void warmUp(List<Target> targets, Path big, Path four, Path scratch) {
    List<Metric> all = new ArrayList<>(serverMetrics());
    all.addAll(ceilingMetrics());
    all.forEach(m -> m.muted = true);
    try {
      for (Target t : targets) {
        if (opt.runs("echo")) {
          step(t, 0, "warm-up: smb2.bench.echo", () -> echo(t));
        }
        if (opt.runs("open-close")) {
          warmUpUntilSettled(t, "smb2.bench.path-contention-shared", () -> openClose(t));
        }
        if (opt.runs("seq")) {
          warmUpUntilSettled(t, "sequential put/get", () -> seq(t, big, scratch, 0));
        }
        if (opt.runs("small-files")) {
          step(t, 0, "warm-up: small files", () -> smallFiles(t, four, scratch, 0));
        }
      }
      if (opt.runs("seq")) {
        step(null, 0, "warm-up: libcephfs sequential write/read", () -> raw(0));
      }
    } finally {
      all.forEach(m -> m.muted = false);
    }
  }

  /** Most warm-up passes of one workload on one target. */
  private static final int WARM_UP_PASSES = 8;

  /**
   * The server CPU of the last pass of a workload whose warm-up waits for it to settle (per put, or
   * per 1,000 opens), NaN if it failed.
   */
  private double lastServerCpu = Double.NaN;

  /**
   * Runs a workload until the server's CPU per operation has settled (within 10% of the pass
   * before, at most {@link #WARM_UP_PASSES} passes): a JVM started for the benchmark keeps
   * compiling its write and open paths for several passes, and its compilers' CPU would otherwise
   * be measured as the workload's.
   */
  private void warmUpUntilSettled(Target t, String what, Step workload) {
    double before = Double.NaN;
    for (int pass = 1; pass <= WARM_UP_PASSES; pass++) {
      lastServerCpu = Double.NaN;
      step(t, 0, "warm-up " + pass + ": " + what, workload);
      double now = lastServerCpu;
      if (Double.isNaN(now) || Math.abs(now - before) <= 0.1 * before) {
        return; // settled (or failed: reported by step, and the measured runs will say more)
      }
      before = now;
    }
  }

  private interface Step {
    String run() throws IOException;
  }

  private void step(Target t, int run, String what, Step s) {
    String who = t == null ? "libcephfs" : t.name();
    log.printf(Locale.ROOT, "run %d/%d  %-16s %-36s ", run, opt.runs(), who, what);
    long t0 = System.nanoTime();
    try {
      if (t != null && !t.isRunning()) {
        throw new IllegalStateException(t.whyNotRunning());
      }
      String result = s.run();
      log.printf(Locale.ROOT, "%s  (%.1f s)%n", result, (System.nanoTime() - t0) / 1e9);
    } catch (IOException | RuntimeException e) {
      String msg = who + ", run " + run + ", " + what + ": " + e.getMessage();
      errors.add(msg);
      log.println("ERROR " + e.getMessage());
    }
  }

  private ProcStats.Usage usage(Target t) {
    return ProcStats.usage(t.serverPids());
  }

  private List<String> tortureOptions() {
    return List.of(
        "torture:timelimit=" + opt.tortureSeconds(),
        "torture:nprocs=" + opt.tortureProcs(),
        "torture:progress=no");
  }

  private String echo(Target t) {
    Smbtorture.Run r =
        torture.run(
            t.name(),
            t.endpoint(),
            "smb2.bench.echo",
            Duration.ofSeconds(opt.tortureSeconds() + 60L),
            tortureOptions());
    double v = lastNumber(ECHO, r);
    echo.add(t.name(), v);
    return String.format(Locale.ROOT, "%.0f echo/s", v);
  }

  private String openClose(Target t) {
    ProcStats.Usage before = usage(t);
    Smbtorture.Run r =
        torture.run(
            t.name(),
            t.endpoint(),
            "smb2.bench.path-contention-shared",
            Duration.ofSeconds(opt.tortureSeconds() + 60L),
            tortureOptions());
    ProcStats.Usage after = usage(t);
    double opens = lastNumber(OPEN, r);
    double closes = lastNumber(CLOSE, r);
    openClose.add(t.name(), opens + closes);
    double totalOpens = opens * opt.tortureSeconds();
    double cpu = after.cpuSeconds() - before.cpuSeconds();
    lastServerCpu = totalOpens > 0 ? cpu / (totalOpens / 1000) : Double.NaN;
    cpuPerKOpen.add(t.name(), lastServerCpu);
    return String.format(
        Locale.ROOT, "%.0f opens/s + %.0f closes/s, server CPU %.2f s", opens, closes, cpu);
  }

  private static double lastNumber(Pattern p, Smbtorture.Run r) {
    Matcher m = p.matcher(r.output());
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null || r.failed() > 0) {
      throw new IllegalStateException(
          r.suite()
              + " gave no result ("
              + r.failed()
              + " failed):\n"
              + Exec.tail(r.output(), 1500));
    }
    return Double.parseDouble(last);
  }

  private String seq(Target t, Path big, Path scratch, int run) throws IOException {
    Endpoint e = t.endpoint();
    String remote = "bench-seq-" + run + ".bin";
    Path back = scratch.resolve("seq-back.bin");
    Files.deleteIfExists(back);
    ProcStats.Usage u0 = usage(t);
    double[] c0 = selfCpu();
    double o0 = osdCpu();
    Exec.Result p = smbclient(e, "put " + big + " " + remote, Duration.ofMinutes(10));
    ProcStats.Usage u1 = usage(t);
    double[] c1 = selfCpu();
    double o1 = osdCpu();
    putCpuClient.add(t.name(), c1[1] - c0[1]);
    lastServerCpu = u1.cpuSeconds() - u0.cpuSeconds();
    putCpuServer.add(t.name(), lastServerCpu);
    putCpuOsd.add(t.name(), o1 - o0);
    Exec.Result g = smbclient(e, "get " + remote + " " + back, Duration.ofMinutes(10));
    ProcStats.Usage u2 = usage(t);
    smbclient(e, "del " + remote, Duration.ofMinutes(2));
    long bytes = Files.size(big);
    if (!Files.exists(back) || Files.mismatch(big, back) != -1) {
      throw new IllegalStateException("the file read back differs from the one written");
    }
    Files.deleteIfExists(back);
    double putMb = bytes / MB / p.seconds();
    double getMb = bytes / MB / g.seconds();
    put.add(t.name(), putMb);
    get.add(t.name(), getMb);
    double cpu = u2.cpuSeconds() - u0.cpuSeconds();
    cpuPerGib.add(t.name(), cpu / (2.0 * bytes / GIB));
    return String.format(
        Locale.ROOT,
        "put %.1f MB/s, get %.1f MB/s (byte-exact), server CPU put %.2f s + get %.2f s",
        putMb,
        getMb,
        u1.cpuSeconds() - u0.cpuSeconds(),
        u2.cpuSeconds() - u1.cpuSeconds());
  }

  private String raw(int run) {
    byte[] block = new byte[4 << 20];
    new SplittableRandom(run).nextBytes(block);
    String dir = "/harness/raw";
    String path = dir + "/seq-" + run + ".bin";
    double w;
    double r;
    try (CephFs fs = CephFs.mount(cluster.cephConf(), cluster.cephId(), cluster.fsName())) {
      fs.ensureDir(dir, 0755, 0, 0);
      double[] c0 = selfCpu();
      double o0 = osdCpu();
      w = fs.sequentialWrite(path, block, opt.seqBytes());
      rawCpuClient.add("libcephfs", selfCpu()[0] - c0[0]);
      rawCpuOsd.add("libcephfs", osdCpu() - o0);
    }
    // read through a new mount (a new client): nothing comes from the writer's cache
    try (CephFs fs = CephFs.mount(cluster.cephConf(), cluster.cephId(), cluster.fsName())) {
      r = fs.sequentialRead(path, block, opt.seqBytes());
      fs.unlinkIfExists(path);
    }
    double wm = opt.seqBytes() / MB / w;
    double rm = opt.seqBytes() / MB / r;
    rawWrite.add("libcephfs", wm);
    rawRead.add("libcephfs", rm);
    return String.format(Locale.ROOT, "write %.1f MB/s, read %.1f MB/s (verified)", wm, rm);
  }

  private String smallFiles(Target t, Path four, Path scratch, int run) throws IOException {
    String dir = "bench-small-" + run;
    Path script = scratch.resolve("small.txt");
    try (BufferedWriter w = Files.newBufferedWriter(script, StandardCharsets.UTF_8)) {
      w.write("mkdir " + dir + "\ncd " + dir + "\n");
      for (int i = 0; i < opt.smallFiles(); i++) {
        String f = "f" + i;
        w.write("put " + four + " " + f + "\nallinfo " + f + "\ndel " + f + "\n");
      }
      w.write("cd ..\nrmdir " + dir + "\n");
    }
    Endpoint e = t.endpoint();
    Exec.Result r =
        Exec.run(
            List.of(
                smbclient,
                e.unc(),
                "-p",
                Integer.toString(e.port()),
                "-U",
                e.userPercentPassword()),
            Duration.ofMinutes(10),
            Files.readAllBytes(script),
            Map.of(),
            null);
    if (!r.ok() || r.stdout().contains("NT_STATUS_") || r.stderr().contains("NT_STATUS_")) {
      throw new IllegalStateException("smbclient small-file script failed:\n" + r.describe());
    }
    double v = opt.smallFiles() / r.seconds();
    small.add(t.name(), v);
    return String.format(
        Locale.ROOT, "%.1f files/s (%d files, %.1f s)", v, opt.smallFiles(), r.seconds());
  }

  private String idle(Target t, Path scratch) throws IOException {
    ProcStats.Usage before = usage(t);
    rssIdle.add(t.name(), before.rssBytes() / MIB);
    Endpoint e = t.endpoint();
    int n = opt.idleConnections();
    List<Process> clients = new ArrayList<>();
    List<Path> outs = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Path out = scratch.resolve("idle-" + i + ".out");
        outs.add(out);
        Process p =
            new ProcessBuilder(
                    stdbuf,
                    "-oL",
                    smbclient,
                    e.unc(),
                    "-p",
                    Integer.toString(e.port()),
                    "-U",
                    e.userPercentPassword())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        OutputStream os = p.getOutputStream();
        os.write("pwd\n".getBytes(StandardCharsets.US_ASCII));
        os.flush();
        clients.add(p);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(120 + n).toNanos();
      int ready = 0;
      while (System.nanoTime() < deadline) {
        ready = 0;
        for (int i = 0; i < n; i++) {
          if (Files.readString(outs.get(i), StandardCharsets.UTF_8)
              .contains("Current directory is")) {
            ready++;
          } else if (!clients.get(i).isAlive()) {
            throw new IllegalStateException(
                "client "
                    + i
                    + " exited: "
                    + Exec.tail(Files.readString(outs.get(i), StandardCharsets.UTF_8), 500));
          }
        }
        if (ready == n) {
          break;
        }
        sleep(200);
      }
      if (ready < n) {
        throw new IllegalStateException("only " + ready + " of " + n + " connections became ready");
      }
      sleep(1000);
      ProcStats.Usage with = usage(t);
      rssConns.add(t.name(), with.rssBytes() / MIB);
      pssConns.add(t.name(), with.pssBytes() / MIB);
      return String.format(
          Locale.ROOT,
          "idle RSS %.0f MiB; with %d connections RSS %.0f MiB, PSS %.0f MiB (%d server processes)",
          before.rssBytes() / MIB,
          n,
          with.rssBytes() / MIB,
          with.pssBytes() / MIB,
          with.pids().size());
    } finally {
      for (Process p : clients) {
        try {
          p.getOutputStream().close();
        } catch (IOException ignored) {
          // the client is killed below if it does not exit
        }
      }
      for (Process p : clients) {
        Exec.killTree(p.toHandle(), Duration.ofSeconds(5));
      }
      for (Path o : outs) {
        Exec.deleteQuietly(o);
      }
    }
  }

  private Exec.Result smbclient(Endpoint e, String commands, Duration timeout) {
    Exec.Result r =
        Exec.run(
            List.of(
                smbclient,
                e.unc(),
                "-p",
                Integer.toString(e.port()),
                "-U",
                e.userPercentPassword(),
                "-c",
                commands),
            timeout);
    if (!r.ok() || r.stdout().contains("NT_STATUS_") || r.stderr().contains("NT_STATUS_")) {
      throw new IllegalStateException("smbclient -c '" + commands + "' failed:\n" + r.describe());
    }
    return r;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Writes {@code bytes} pseudo-random bytes (fixed seed) to a file. */
  static void writeRandom(Path file, long bytes, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] buf = new byte[1 << 20];
    try (OutputStream os = Files.newOutputStream(file)) {
      long left = bytes;
      while (left > 0) {
        rnd.nextBytes(buf);
        int n = (int) Math.min(buf.length, left);
        os.write(buf, 0, n);
        left -= n;
      }
    }
  }

  /** Prints the table: median (min..max) per target and the ratio gateway/Samba. */
  public static void print(Report rep, PrintStream out) {
    String samba =
        rep.targets().stream().filter(n -> n.startsWith("samba")).findFirst().orElse(null);
    boolean ratio = samba != null && rep.targets().contains("gateway");
    out.println();
    out.printf(
        Locale.ROOT,
        "Benchmark: %d interleaved runs per figure; median (min..max); N = %d idle connections%n",
        rep.options().runs(),
        rep.options().idleConnections());
    StringBuilder h =
        new StringBuilder(String.format(Locale.ROOT, "%-52s %-15s", "figure", "unit"));
    for (String t : rep.targets()) {
      h.append(String.format(Locale.ROOT, " | %-26s", t));
    }
    h.append(" | gateway/samba");
    out.println(h);
    out.println("-".repeat(h.length()));
    for (Metric m : rep.metrics()) {
      StringBuilder b =
          new StringBuilder(String.format(Locale.ROOT, "%-52s %-15s", m.label, m.unit));
      for (String t : rep.targets()) {
        b.append(String.format(Locale.ROOT, " | %-26s", cell(m.stats(t))));
      }
      b.append(" | ");
      if (ratio) {
        double g = m.stats("gateway").median();
        double s = m.stats(samba).median();
        b.append(
            Double.isNaN(g) || Double.isNaN(s) || s == 0
                ? "-"
                : String.format(Locale.ROOT, "%.2f", g / s));
      } else {
        b.append("-");
      }
      out.println(b);
    }
    out.println();
    out.println("Ceiling (raw libcephfs from Java, same cluster, same run):");
    for (Metric m : rep.ceiling()) {
      out.printf(Locale.ROOT, "%-52s %-15s | %s%n", m.label, m.unit, cell(m.stats("libcephfs")));
    }
    printCpuBound(rep, out);
    if (!rep.errors().isEmpty()) {
      out.println();
      out.println("Errors (" + rep.errors().size() + "):");
      for (String e : rep.errors()) {
        out.println("  " + e.lines().findFirst().orElse(e));
      }
    }
  }

  /**
   * Where the client, the server and the OSD of a put share one host's cores, the rate of a put
   * relative to a raw write is bounded by the ratio of their CPU costs (both run until the cores
   * are busy). Printed per target from the medians, and for an ideal server that spends no CPU
   * beyond what libcephfs itself spends on the write (the raw client's CPU): that line is the best
   * any SMB server can reach on this host against the raw ceiling.
   */
  private static void printCpuBound(Report rep, PrintStream out) {
    double rawClient = rep.metric("libcephfs_write_cpu_client_s").stats("libcephfs").median();
    double raw = rawClient + rep.metric("libcephfs_write_cpu_osd_s").stats("libcephfs").median();
    if (Double.isNaN(raw) || raw <= 0) {
      return;
    }
    StringBuilder b = new StringBuilder();
    for (String t : rep.targets()) {
      double client = rep.metric("put_cpu_client_s").stats(t).median();
      double server = rep.metric("put_cpu_server_s").stats(t).median();
      double osd = rep.metric("put_cpu_osd_s").stats(t).median();
      double whole = client + server + osd;
      if (Double.isNaN(whole) || whole <= 0) {
        continue;
      }
      b.append(boundLine(t + ":", whole, raw));
      b.append(
          boundLine("ideal server, " + t + "'s client and OSD:", client + rawClient + osd, raw));
    }
    if (b.length() > 0) {
      out.println();
      out.printf(
          Locale.ROOT,
          "CPU on one host (raw write: %.2f CPU s, client + OSD; put: smbclient + server + OSD;"
              + " where the cores are the limit, rates follow CPU):%n%s",
          raw,
          b);
    }
  }

  /** One line of the CPU bound: a put's CPU against a raw write's. */
  private static String boundLine(String who, double put, double raw) {
    return String.format(
        Locale.ROOT,
        "  %-40s %.2f CPU s per put = %.2fx a raw write's -> put/raw ~ %.2f%n",
        who,
        put,
        put / raw,
        raw / put);
  }

  private static String cell(Stats s) {
    if (s.n() == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%s (%s..%s)", num(s.median()), num(s.min()), num(s.max()));
  }

  private static String num(double v) {
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    } else if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    } else if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** The report as a JSON-ready tree. */
  public static Map<String, Object> toJson(Report rep) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mode", "bench");
    root.put("targets", rep.targets());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("runs", rep.options().runs());
    o.put("torture_seconds", rep.options().tortureSeconds());
    o.put("torture_nprocs", rep.options().tortureProcs());
    o.put("seq_bytes", rep.options().seqBytes());
    o.put("small_files", rep.options().smallFiles());
    o.put("idle_connections", rep.options().idleConnections());
    root.put("options", o);
    String samba =
        rep.targets().stream().filter(n -> n.startsWith("samba")).findFirst().orElse(null);
    List<Object> ms = new ArrayList<>();
    for (Metric m : rep.metrics()) {
      Map<String, Object> mm = metricJson(m, rep.targets());
      if (samba != null && rep.targets().contains("gateway")) {
        double g = m.stats("gateway").median();
        double s = m.stats(samba).median();
        mm.put("ratio_gateway_samba", s == 0 ? Double.NaN : g / s);
      }
      ms.add(mm);
    }
    root.put("metrics", ms);
    List<Object> cs = new ArrayList<>();
    for (Metric m : rep.ceiling()) {
      cs.add(metricJson(m, List.of("libcephfs")));
    }
    root.put("ceiling", cs);
    root.put("errors", rep.errors());
    return root;
  }

  private static Map<String, Object> metricJson(Metric m, List<String> targets) {
    Map<String, Object> mm = new LinkedHashMap<>();
    mm.put("key", m.key);
    mm.put("label", m.label);
    mm.put("unit", m.unit);
    mm.put("higher_is_better", m.higherIsBetter);
    Map<String, Object> per = new LinkedHashMap<>();
    for (String t : targets) {
      Stats s = m.stats(t);
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("median", s.median());
      sm.put("min", s.min());
      sm.put("max", s.max());
      sm.put("samples", m.samples.getOrDefault(t, List.of()));
      per.put(t, sm);
    }
    mm.put("values", per);
    return mm;
  }
}
