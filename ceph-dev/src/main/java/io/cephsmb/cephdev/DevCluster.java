package io.cephsmb.cephdev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A single-host Ceph cluster run by the {@code ceph-dev/cluster} script: one mon, one mgr, one
 * memstore OSD, one MDS, a CephFS file system and the gateway's state pool, all under one
 * directory.
 *
 * <p>{@link #start(Path)} creates (or finds running) a cluster in a directory and owns it: {@link
 * #close()} stops it. {@link #attach(Path)} uses a cluster somebody else started and leaves it
 * running.
 */
public final class DevCluster implements AutoCloseable {

  /** System property naming the repository root (set by the build for tests). */
  public static final String REPO_ROOT_PROPERTY = "cephsmb.repo.root";

  private static final long SCRIPT_TIMEOUT_SECONDS = 300;

  private final Path dir;
  private final Path script;
  private final Map<String, String> env;
  private final boolean owned;
  private final boolean removeOnClose;

  private DevCluster(
      Path dir, Path script, Map<String, String> env, boolean owned, boolean removeOnClose) {
    this.dir = dir;
    this.script = script;
    this.env = env;
    this.owned = owned;
    this.removeOnClose = removeOnClose;
  }

  /**
   * Starts a fresh cluster in a new directory {@code /tmp/<prefix>*} (short, because admin sockets
   * live in it); {@link #close()} stops it and removes the directory.
   */
  public static DevCluster startTemporary(String prefix) {
    Path dir;
    try {
      dir = Files.createTempDirectory(Paths.get("/tmp"), prefix);
    } catch (IOException e) {
      throw new DevClusterException("cannot create a directory under /tmp", e);
    }
    return start(dir, true);
  }

  /**
   * Starts a cluster in {@code dir} (a no-op if it already runs there) and returns a handle that
   * stops it on {@link #close()}.
   *
   * @throws DevClusterException with the script's output when the cluster does not come up
   */
  public static DevCluster start(Path dir) {
    return start(dir, false);
  }

  private static DevCluster start(Path dir, boolean removeOnClose) {
    Path script = locateScript();
    ScriptResult r = run(script, dir, "start");
    if (r.exitCode != 0) {
      throw new DevClusterException(
          "ceph-dev/cluster start failed in " + dir + " (exit " + r.exitCode + "):\n" + r.output);
    }
    return new DevCluster(dir, script, readEnv(dir), true, removeOnClose);
  }

  /**
   * Attaches to a cluster already running in {@code dir}; {@link #close()} leaves it running.
   *
   * @throws DevClusterException if no running cluster is found there
   */
  public static DevCluster attach(Path dir) {
    Path script = locateScript();
    ScriptResult r = run(script, dir, "status");
    if (r.exitCode != 0) {
      throw new DevClusterException(
          "no running dev cluster in " + dir + " (ceph-dev/cluster status):\n" + r.output);
    }
    return new DevCluster(dir, script, readEnv(dir), false, false);
  }

  /** The cluster's directory. */
  public Path dir() {
    return dir;
  }

  /** The ceph.conf clients use; it names the keyring, so it is all a client needs. */
  public Path confPath() {
    return Paths.get(require("CEPH_CONF"));
  }

  /** The keyring holding client.admin's key. */
  public Path keyringPath() {
    return Paths.get(require("CEPH_KEYRING"));
  }

  /** The cephx id (without "client.") tests connect as. */
  public String clientId() {
    return require("CEPH_CLIENT_ID");
  }

  /** The name of the CephFS file system. */
  public String fsName() {
    return require("CEPH_FS_NAME");
  }

  /** The RADOS pool for the gateway's state. */
  public String statePool() {
    return require("CEPH_STATE_POOL");
  }

  /** The cluster fsid. */
  public String fsid() {
    return require("CEPH_FSID");
  }

  /** The monitor's port on 127.0.0.1 (msgr v2). */
  public int monPort() {
    return Integer.parseInt(require("CEPH_MON_PORT"));
  }

  /** Whether this handle stops the cluster on {@link #close()}. */
  public boolean owned() {
    return owned;
  }

  /** The process ids of the cluster's daemons, from their pid files. */
  public List<Long> daemonPids() {
    List<Long> pids = new ArrayList<>();
    Path run = dir.resolve("run");
    if (!Files.isDirectory(run)) {
      return pids;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(run, "*.pid")) {
      for (Path p : ds) {
        String s = Files.readString(p, StandardCharsets.US_ASCII).trim();
        if (!s.isEmpty()) {
          pids.add(Long.parseLong(s));
        }
      }
    } catch (IOException e) {
      throw new DevClusterException("cannot read pid files in " + run, e);
    }
    Collections.sort(pids);
    return pids;
  }

  /** Whether every daemon of the cluster runs ({@code ceph-dev/cluster status}). */
  public boolean isRunning() {
    return run(script, dir, "status").exitCode == 0;
  }

  /** Stops every daemon of the cluster; throws if the script reports a failure. */
  public void stop() {
    ScriptResult r = run(script, dir, "stop");
    if (r.exitCode != 0) {
      throw new DevClusterException("ceph-dev/cluster stop failed:\n" + r.output);
    }
  }

  /** Stops the cluster if this handle started it (and removes a temporary cluster's directory). */
  @Override
  public void close() {
    if (!owned) {
      return;
    }
    ScriptResult r = run(script, dir, removeOnClose ? "destroy" : "stop");
    if (r.exitCode != 0) {
      throw new DevClusterException("ceph-dev/cluster stop failed:\n" + r.output);
    }
  }

  @Override
  public String toString() {
    return "DevCluster[" + dir + (owned ? ", owned" : ", attached") + "]";
  }

  private String require(String key) {
    String v = env.get(key);
    if (v == null) {
      throw new DevClusterException(key + " missing from " + dir.resolve("cluster.env"));
    }
    return v;
  }

  static Map<String, String> readEnv(Path dir) {
    Path f = dir.resolve("cluster.env");
    try {
      return parseEnv(Files.readAllLines(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DevClusterException("cannot read " + f, e);
    }
  }

  /** Parses {@code KEY=VALUE} lines; blank lines and {@code #} comments are ignored. */
  static Map<String, String> parseEnv(List<String> lines) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new DevClusterException("malformed line in cluster.env: " + line);
      }
      m.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * Finds {@code ceph-dev/cluster}: below the {@value #REPO_ROOT_PROPERTY} system property, the
   * {@code CEPHSMB_REPO_ROOT} environment variable, or the first parent of the working directory
   * that has it.
   */
  static Path locateScript() {
    List<Path> roots = new ArrayList<>();
    Optional.ofNullable(System.getProperty(REPO_ROOT_PROPERTY))
        .map(Paths::get)
        .ifPresent(roots::add);
    Optional.ofNullable(System.getenv("CEPHSMB_REPO_ROOT")).map(Paths::get).ifPresent(roots::add);
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      roots.add(p);
    }
    for (Path root : roots) {
      Path s = root.resolve("ceph-dev").resolve("cluster");
      if (Files.isExecutable(s)) {
        return s;
      }
    }
    throw new DevClusterException("cannot find ceph-dev/cluster; looked below " + roots);
  }

  private static ScriptResult run(Path script, Path dir, String command) {
    Path out = null;
    try {
      out = Files.createTempFile("ceph-dev-", ".log");
      Process p =
          new ProcessBuilder(script.toString(), "--dir", dir.toString(), command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DevClusterException(
            "ceph-dev/cluster " + command + " did not finish in " + SCRIPT_TIMEOUT_SECONDS + " s");
      }
      return new ScriptResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DevClusterException("cannot run " + script + " " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevClusterException("interrupted running ceph-dev/cluster " + command, e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a leftover temporary file is harmless
        }
      }
    }
  }

  private record ScriptResult(int exitCode, String output) {}
}
