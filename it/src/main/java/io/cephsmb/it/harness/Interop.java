package io.cephsmb.it.harness;

import io.cephsmb.cephdev.DevCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scripts/interop}: on one dev cluster, starts what is needed (the cluster through ceph-dev,
 * the targets), runs compliance or benchmark mode, prints, writes JSON under {@code
 * it/target/interop/}, and stops everything it started, also on Ctrl-C or failure.
 */
@Command(
    name = "interop",
    mixinStandardHelpOptions = true,
    description = "smbtorture compliance and side-by-side benchmarks: gateway vs Samba + vfs_ceph",
    subcommands = {Interop.ComplianceCmd.class, Interop.BenchCmd.class, Interop.ServeCmd.class})
public final class Interop implements Runnable {

  /** Exit code when a target cannot be started. */
  static final int EXIT_UNAVAILABLE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a mode is required: compliance, bench or samba");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Interop()).execute(args));
  }

  /** Options every mode shares. */
  static final class Common {
    @Option(
        names = "--repo",
        description = "repository root (default: $CEPHSMB_REPO_ROOT or the working directory)")
    Path repo;

    @Option(
        names = "--ceph-dir",
        description =
            "dev cluster directory: reused if a cluster runs there, else started and stopped (default: $CEPHSMB_CEPH_DIR, else REPO/.ceph-dev/interop)")
    Path cephDir;

    @Option(
        names = "--target",
        defaultValue = "both",
        description = "samba, gateway or both (default: ${DEFAULT-VALUE})")
    String target;

    @Option(
        names = "--samba-vfs",
        defaultValue = "ceph",
        description =
            "Samba's share VFS: ceph (vfs objects = ceph), acl-streams (acl_xattr streams_xattr ceph) or both (default: ${DEFAULT-VALUE})")
    String sambaVfs;

    @Option(
        names = "--user",
        defaultValue = TargetConfig.DEFAULT_USER,
        description = "SMB user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(
        names = "--password",
        defaultValue = TargetConfig.DEFAULT_PASSWORD,
        description = "its password")
    String password;

    @Option(
        names = "--share",
        defaultValue = "share",
        description = "share name (default: ${DEFAULT-VALUE})")
    String share;

    @Option(
        names = "--pool",
        defaultValue = ".smb",
        description = "the gateway's state pool (default: ${DEFAULT-VALUE})")
    String pool;

    @Option(
        names = "--gateway-arg",
        description =
            "extra argument for `bin/cephsmb serve` (repeatable; also $CEPHSMB_GATEWAY_ARGS)")
    List<String> gatewayArgs = new ArrayList<>();

    @Option(
        names = "--json",
        description =
            "where to write the JSON report (default: it/target/interop/<mode>-<time>.json)")
    Path json;

    Path repoRoot() {
      if (repo != null) {
        return repo.toAbsolutePath();
      }
      String env = System.getenv("CEPHSMB_REPO_ROOT");
      if (env != null && !env.isBlank()) {
        return Paths.get(env);
      }
      String prop = System.getProperty(DevCluster.REPO_ROOT_PROPERTY);
      if (prop != null && !prop.isBlank()) {
        return Paths.get(prop);
      }
      for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isExecutable(p.resolve("ceph-dev/cluster"))) {
          return p;
        }
      }
      throw new IllegalStateException("cannot find the repository root; pass --repo");
    }

    Path clusterDir() {
      if (cephDir != null) {
        return cephDir.toAbsolutePath();
      }
      String env = System.getenv("CEPHSMB_CEPH_DIR");
      if (env != null && !env.isBlank()) {
        return Paths.get(env);
      }
      return repoRoot().resolve(".ceph-dev").resolve("interop");
    }

    Path jsonPath(String mode) {
      if (json != null) {
        return json;
      }
      String ts =
          LocalDateTime.now(java.time.ZoneOffset.UTC)
              .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
      return repoRoot().resolve("it/target/interop").resolve(mode + "-" + ts + ".json");
    }
  }

  /**
   * What a mode started, closed in reverse order at the end, on failure, or from a shutdown hook on
   * Ctrl-C.
   */
  static final class Session implements AutoCloseable {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private final Thread hook = new Thread(this::closeAll, "interop-cleanup");
    private final PrintStream log;

    Session(PrintStream log) {
      this.log = log;
      Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized <T extends AutoCloseable> T add(T c) {
      open.push(c);
      return c;
    }

    private synchronized void closeAll() {
      while (!open.isEmpty()) {
        AutoCloseable c = open.pop();
        try {
          log.println("stopping " + c);
          c.close();
        } catch (Exception e) {
          log.println("stopping " + c + " failed: " + e.getMessage());
        }
      }
    }

    @Override
    public void close() {
      closeAll();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs (and finds nothing left)
      }
    }

    /** Starts or attaches to the dev cluster in {@code dir}. */
    DevCluster cluster(Path dir) {
      DevCluster c;
      try {
        c = DevCluster.attach(dir);
        log.println("using the running dev cluster in " + dir);
      } catch (RuntimeException notRunning) {
        log.println("starting a dev cluster in " + dir + " ...");
        c = DevCluster.start(dir);
      }
      return add(c);
    }

    /** Builds and starts the selected targets, gateway first. */
    List<Target> targets(Common o, DevCluster cluster) {
      List<Target> ts = new ArrayList<>();
      boolean gw;
      boolean samba;
      switch (o.target.toLowerCase(Locale.ROOT)) {
        case "both":
          gw = true;
          samba = true;
          break;
        case "gateway":
          gw = true;
          samba = false;
          break;
        case "samba":
          gw = false;
          samba = true;
          break;
        default:
          throw new IllegalArgumentException("--target must be samba, gateway or both");
      }
      // a fresh share directory per run: nothing left by an earlier run (files, or capabilities
      // held by a client that died) is in the way
      String run =
          LocalDateTime.now(java.time.ZoneOffset.UTC)
                  .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
              + "-"
              + Long.toHexString(System.nanoTime() & 0xffff);
      TargetConfig base =
          new TargetConfig(
              cluster.confPath(),
              cluster.clientId(),
              cluster.fsName(),
              o.share,
              "/harness",
              o.user,
              o.password);
      if (gw) {
        List<String> extra = new ArrayList<>(o.gatewayArgs);
        String env = System.getenv("CEPHSMB_GATEWAY_ARGS");
        if (env != null && !env.isBlank()) {
          extra.addAll(Arrays.asList(env.trim().split("\\s+")));
        }
        ts.add(
            new GatewayTarget(
                base.withSharePath("/harness/gateway-" + run), o.repoRoot(), o.pool, extra));
      }
      if (samba) {
        List<SambaTarget.Variant> vs =
            o.sambaVfs.equalsIgnoreCase("both")
                ? List.of(SambaTarget.Variant.CEPH, SambaTarget.Variant.CEPH_ACL_STREAMS)
                : List.of(SambaTarget.Variant.parse(o.sambaVfs));
        for (SambaTarget.Variant v : vs) {
          ts.add(new SambaTarget(base.withSharePath("/harness/" + v.targetName() + "-" + run), v));
        }
      }
      for (Target t : ts) {
        add(t);
        log.println("starting " + t.name() + " ...");
        t.start();
        log.println(t.name() + " serves " + t.endpoint().unc() + " on port " + t.endpoint().port());
      }
      return ts;
    }
  }

  static void writeJson(Path file, Object tree, PrintStream log) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, Json.write(tree), StandardCharsets.UTF_8);
    log.println("wrote " + file);
  }

  /** Compliance mode. */
  @Command(
      name = "compliance",
      mixinStandardHelpOptions = true,
      description =
          "Run smbtorture suites; print results side by side; enforce the gateway's knownfail list")
  static final class ComplianceCmd implements Callable<Integer> {
    @Mixin Common common;

    @Option(
        names = "--suites",
        split = ",",
        description = "comma-separated suites (default: the baseline's 19)")
    List<String> suites;

    @Option(
        names = "--timeout",
        defaultValue = "300",
        description = "seconds per suite before smbtorture is killed (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(
        names = "--suite-timeout",
        split = ",",
        description = "per-suite limits, SUITE=SECONDS (default: smb2.maxfid=600)")
    Map<String, Integer> suiteTimeouts = new LinkedHashMap<>(Map.of("smb2.maxfid", 600));

    @Option(
        names = "--knownfail",
        description = "the gateway's knownfail list (default: it/knownfail/gateway.txt)")
    Path knownFail;

    @Option(
        names = "--samba-knownfail",
        description = "also check the Samba targets against this list")
    Path sambaKnownFail;

    @Option(
        names = "--all-tests",
        description = "list every test, not only those that do not pass everywhere")
    boolean allTests;

    @Override
    public Integer call() throws IOException {
      PrintStream out = System.out;
      Smbtorture torture = Smbtorture.locate();
      List<String> ss = suites == null || suites.isEmpty() ? Compliance.DEFAULT_SUITES : suites;
      try (Session s = new Session(out)) {
        DevCluster cluster = s.cluster(common.clusterDir());
        List<Target> targets;
        try {
          targets = s.targets(common, cluster);
        } catch (TargetUnavailableException e) {
          out.println("target unavailable: " + e.getMessage());
          return EXIT_UNAVAILABLE;
        }
        Map<String, KnownFail> kf = new LinkedHashMap<>();
        for (Target t : targets) {
          if (t.name().equals("gateway")) {
            Path f =
                knownFail != null
                    ? knownFail
                    : common.repoRoot().resolve("it/knownfail/gateway.txt");
            kf.put(t.name(), KnownFail.load(f));
          } else if (sambaKnownFail != null) {
            kf.put(t.name(), KnownFail.load(sambaKnownFail));
          }
        }
        Map<String, Duration> limits = new LinkedHashMap<>();
        suiteTimeouts.forEach((k, v) -> limits.put(k, Duration.ofSeconds(v)));
        Compliance.Report rep =
            new Compliance(torture, Duration.ofSeconds(timeout), limits).run(targets, ss, kf, out);
        Compliance.print(rep, out, allTests);
        writeJson(common.jsonPath("compliance"), Compliance.toJson(rep), out);
        return rep.ok() ? 0 : 1;
      }
    }
  }

  /** Benchmark mode. */
  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description =
          "Interleaved benchmarks; one table with medians, spread and the ratio gateway/Samba")
  static final class BenchCmd implements Callable<Integer> {
    @Mixin Common common;

    @Option(
        names = "--runs",
        defaultValue = "3",
        description = "runs per workload and target (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(
        names = "--seconds",
        defaultValue = "10",
        description = "smbtorture bench time limit (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(
        names = "--nprocs",
        defaultValue = "4",
        description = "smbtorture bench connections (default: ${DEFAULT-VALUE})")
    int nprocs;

    @Option(
        names = "--seq-mib",
        defaultValue = "512",
        description = "sequential file size in MiB (default: ${DEFAULT-VALUE})")
    int seqMib;

    @Option(
        names = "--small-files",
        defaultValue = "500",
        description = "files in the small-file workload (default: ${DEFAULT-VALUE})")
    int smallFiles;

    @Option(
        names = "--idle",
        defaultValue = "100",
        description =
            "idle authenticated connections for the RSS figure (default: ${DEFAULT-VALUE})")
    int idle;

    @Option(
        names = "--no-warm-up",
        description =
            "measure from the first run (default: one unmeasured pass of each workload on each"
                + " target first, so that the gateway's JIT compilation is not measured)")
    boolean noWarmUp;

    @Option(
        names = "--workloads",
        split = ",",
        description = "workloads to run: echo, open-close, seq, small-files, idle (default: all)")
    List<String> workloads;

    @Override
    public Integer call() throws IOException {
      PrintStream out = System.out;
      if (runs < 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--runs must be at least 1");
      }
      if (workloads != null && !Bench.Options.WORKLOADS.containsAll(workloads)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--workloads: one or more of " + Bench.Options.WORKLOADS);
      }
      if (runs < 3) {
        out.println("note: fewer than 3 runs per figure: the medians are not worth comparing");
      }
      Smbtorture torture = Smbtorture.locate();
      try (Session s = new Session(out)) {
        DevCluster cluster = s.cluster(common.clusterDir());
        List<Target> targets;
        try {
          targets = s.targets(common, cluster);
        } catch (TargetUnavailableException e) {
          out.println("target unavailable: " + e.getMessage());
          return EXIT_UNAVAILABLE;
        }
        TargetConfig cc =
            new TargetConfig(
                cluster.confPath(),
                cluster.clientId(),
                cluster.fsName(),
                common.share,
                "/harness",
                common.user,
                common.password);
        Bench.Options o =
            new Bench.Options(
                runs,
                seconds,
                nprocs,
                (long) seqMib << 20,
                smallFiles,
                idle,
                workloads == null ? Set.copyOf(Bench.Options.WORKLOADS) : Set.copyOf(workloads),
                !noWarmUp);
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "cephsmb-bench-");
        Bench.Report rep = new Bench(o, torture, cc, out).run(targets, scratch);
        Bench.print(rep, out);
        writeJson(common.jsonPath("bench"), Bench.toJson(rep), out);
        return rep.errors().isEmpty() ? 0 : 1;
      }
    }
  }

  /** Starts the targets and keeps them running for manual use until Ctrl-C. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Start the targets and print how to reach them; stop on Ctrl-C")
  static final class ServeCmd implements Callable<Integer> {
    @Mixin Common common;

    @Option(
        names = "--for",
        defaultValue = "3600",
        description = "stop after this many seconds (default: ${DEFAULT-VALUE})")
    int seconds;

    @Override
    public Integer call() throws InterruptedException {
      PrintStream out = System.out;
      try (Session s = new Session(out)) {
        DevCluster cluster = s.cluster(common.clusterDir());
        List<Target> targets;
        try {
          targets = s.targets(common, cluster);
        } catch (TargetUnavailableException e) {
          out.println("target unavailable: " + e.getMessage());
          return EXIT_UNAVAILABLE;
        }
        for (Target t : targets) {
          Endpoint e = t.endpoint();
          out.printf(
              Locale.ROOT,
              "%s: smbclient %s -p %d -U '%s'%n",
              t.name(),
              e.unc(),
              e.port(),
              e.userPercentPassword());
        }
        out.println("Ctrl-C stops everything; stopping by itself in " + seconds + " s");
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline && targets.stream().allMatch(Target::isRunning)) {
          Thread.sleep(500);
        }
        return 0;
      }
    }
  }
}
