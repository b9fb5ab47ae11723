package io.cephsmb.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The gateway: {@code bin/cephsmb serve} on a free port on 127.0.0.1, in its own RADOS namespace of
 * the state pool, with the harness user and share provisioned through {@code bin/cephsmb user add}
 * and {@code bin/cephsmb share add} first.
 *
 * <p>The command line it runs is {@link #serveCommand}; extra arguments can be appended with the
 * {@code CEPHSMB_GATEWAY_ARGS} environment variable (space-separated). While {@code bin/cephsmb}
 * has no {@code serve} command, {@link #start()} fails with a {@link TargetUnavailableException}
 * saying so; nothing is faked.
 */
public final class GatewayTarget implements Target {

  private static final Duration CLI_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final TargetConfig config;
  private final Path launcher;
  private final String pool;
  private final String namespace;
  private final List<String> extraArgs;
  private Path workDir;
  private int port;
  private Process server;

  /**
   * @param repoRoot the repository (holds {@code bin/cephsmb})
   * @param pool the state pool
   * @param extraArgs appended to the serve command line
   */
  public GatewayTarget(TargetConfig config, Path repoRoot, String pool, List<String> extraArgs) {
    this.config = config;
    this.launcher = repoRoot.resolve("bin").resolve("cephsmb");
    this.pool = pool;
    this.namespace = "harness-" + UUID.randomUUID().toString().substring(0, 8);
    this.extraArgs = List.copyOf(extraArgs);
  }

  @Override
  public String name() {
    return "gateway";
  }

  /** The command line that starts the server. */
  List<String> serveCommand(int listenPort) {
    List<String> c = new ArrayList<>(List.of(launcher.toString(), "serve"));
    c.addAll(clusterArgs());
    c.addAll(List.of("--listen", "127.0.0.1", "--port", Integer.toString(listenPort)));
    c.addAll(extraArgs);
    return c;
  }

  private List<String> clusterArgs() {
    return List.of(
        "--conf",
        config.cephConf().toString(),
        "--id",
        config.cephId(),
        "--pool",
        pool,
        "--namespace",
        namespace);
  }

  @Override
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("gateway already started");
    }
    if (!Files.isExecutable(launcher)) {
      throw new TargetUnavailableException(launcher + " is missing or not executable");
    }
    requireServeCommand();
    try {
      workDir = Files.createTempDirectory(Path.of("/tmp"), "cephsmb-gateway-");
      UnixUser.Ids ids = UnixUser.ensure(config.user());
      try (CephFs fs = CephFs.mount(config.cephConf(), config.cephId(), config.fsName())) {
        fs.ensureDir(config.sharePath(), 0755, ids.uid(), ids.gid());
      }
      cli(
          config.password() + "\n",
          concat(
              List.of("user", "add", config.user(), "--password-stdin"),
              clusterArgs(),
              List.of("--uid", Integer.toString(ids.uid()), "--gid", Integer.toString(ids.gid()))));
      cli(
          null,
          concat(
              List.of("share", "add", config.shareName(), "--path", config.sharePath()),
              clusterArgs()));

      port = FreePort.pick();
      File out = workDir.resolve("serve.log").toFile();
      server =
          new ProcessBuilder(serveCommand(port))
              .redirectErrorStream(true)
              .redirectOutput(out)
              .redirectInput(new File("/dev/null"))
              .start();
      if (!FreePort.await(port, START_TIMEOUT, server::isAlive)) {
        String why =
            server.isAlive()
                ? "does not accept connections on 127.0.0.1:"
                    + port
                    + " after "
                    + START_TIMEOUT.toSeconds()
                    + " s"
                : "exited with " + server.exitValue();
        String log = Exec.tail(Files.readString(out.toPath(), StandardCharsets.UTF_8), 4000);
        close();
        throw new TargetUnavailableException("bin/cephsmb serve " + why + "\n" + log);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the gateway", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Fails with a clear message while {@code bin/cephsmb} has no {@code serve} command. */
  private void requireServeCommand() {
    Exec.Result r = Exec.run(List.of(launcher.toString(), "serve", "--help"), CLI_TIMEOUT);
    String out = (r.stdout() + "\n" + r.stderr()).trim();
    // without a serve command picocli prints the top-level usage (and exits 0 for --help)
    if (!r.ok() || !hasServeUsage(out)) {
      String first = out.isEmpty() ? "(no output)" : out.lines().findFirst().orElse("");
      throw new TargetUnavailableException(
          "the gateway cannot serve yet: bin/cephsmb has no `serve` command (`bin/cephsmb serve"
              + " --help` "
              + (r.timedOut() ? "timed out" : "exited " + r.exitCode())
              + ", printing \""
              + first
              + "\"). The gateway target runs `"
              + String.join(" ", serveCommand(0)).replace(" --port 0", " --port PORT")
              + "` once that command exists.");
    }
  }

  /** Whether {@code --help} output is the usage of the serve command itself. */
  static boolean hasServeUsage(String helpOutput) {
    return helpOutput.lines().anyMatch(l -> l.startsWith("Usage: cephsmb serve"));
  }

  private void cli(String stdin, List<String> args) {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(args);
    Exec.Result r =
        Exec.run(
            cmd,
            CLI_TIMEOUT,
            stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8),
            Map.of(),
            null);
    if (!r.ok()) {
      throw new TargetUnavailableException("gateway provisioning failed:\n" + r.describe());
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  @Override
  public Endpoint endpoint() {
    if (server == null) {
      throw new IllegalStateException("gateway not started");
    }
    return new Endpoint("127.0.0.1", port, config.shareName(), config.user(), config.password());
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null && server.isAlive();
  }

  @Override
  public synchronized String whyNotRunning() {
    if (server == null) {
      return "gateway is not started";
    }
    String log;
    try {
      log = Exec.tail(Files.readString(workDir.resolve("serve.log"), StandardCharsets.UTF_8), 2000);
    } catch (IOException e) {
      log = "(no log: " + e.getMessage() + ")";
    }
    return (server.isAlive() ? "gateway runs" : "gateway exited with " + server.exitValue())
        + "; end of its log:\n"
        + log;
  }

  @Override
  public synchronized List<Long> serverPids() {
    if (server == null || !server.isAlive()) {
      return List.of();
    }
    return ProcStats.tree(server.pid());
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      Exec.killTree(server.toHandle(), STOP_GRACE);
      server = null;
    }
    if (workDir != null && !Boolean.getBoolean("cephsmb.harness.keepWorkDir")) {
      Exec.deleteQuietly(workDir.resolve("serve.log"));
      Exec.deleteQuietly(workDir);
    }
  }

  @Override
  public String toString() {
    return "gateway" + (server == null ? "" : " on 127.0.0.1:" + port);
  }
}
