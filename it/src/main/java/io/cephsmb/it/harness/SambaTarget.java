package io.cephsmb.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The reference: Debian's Samba smbd serving the dev cluster's CephFS through vfs_ceph, on its own
 * free port on 127.0.0.1, with all its private state (private, lock, state, cache, pid, ncalrpc
 * directories, logs, tdbsam passdb) in a temporary directory. No nmbd, no winbindd; smbd forks one
 * child per client and starts samba-dcerpcd on demand for RPC pipes; all of them are this target's
 * processes.
 */
public final class SambaTarget implements Target {

  /** The share's VFS stack: the baseline's column A or B. */
  public enum Variant {
    /** {@code vfs objects = ceph}. */
    CEPH("samba", "ceph"),
    /** {@code vfs objects = acl_xattr streams_xattr ceph}. */
    CEPH_ACL_STREAMS("samba-acl-streams", "acl_xattr streams_xattr ceph");

    private final String targetName;
    private final String vfsObjects;

    Variant(String targetName, String vfsObjects) {
      this.targetName = targetName;
      this.vfsObjects = vfsObjects;
    }

    /** The target's name in tables. */
    public String targetName() {
      return targetName;
    }

    /** The {@code vfs objects} line. */
    public String vfsObjects() {
      return vfsObjects;
    }

    /** Parses {@code ceph} or {@code acl-streams}. */
    public static Variant parse(String s) {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "ceph":
        case "a":
          return CEPH;
        case "acl-streams":
        case "acl_xattr":
        case "b":
          return CEPH_ACL_STREAMS;
        default:
          throw new IllegalArgumentException("unknown Samba variant " + s + " (ceph|acl-streams)");
      }
    }
  }

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final TargetConfig config;
  private final Variant variant;
  private Path workDir;
  private Path confFile;
  private int port;
  private Process smbd;

  public SambaTarget(TargetConfig config, Variant variant) {
    this.config = config;
    this.variant = variant;
  }

  @Override
  public String name() {
    return variant.targetName();
  }

  /** The generated smb.conf (after {@link #start()}). */
  public Path confFile() {
    return confFile;
  }

  @Override
  public synchronized void start() {
    if (smbd != null) {
      throw new IllegalStateException(name() + " already started");
    }
    String smbdPath = Exec.require("smbd", "samba");
    String pdbedit = Exec.require("pdbedit", "samba-common-bin");
    requireVfsCeph(smbdPath);
    try {
      workDir = Files.createTempDirectory(Path.of("/tmp"), "cephsmb-samba-");
      // smbd's children reach the lock directory's sockets as the connected user: with the 0700
      // of a fresh temporary directory share-mode locking fails and smbd panics ("Could not store
      // share mode data")
      Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (String d : List.of("private", "lock", "state", "cache", "pid", "ncalrpc", "log")) {
        Files.createDirectories(workDir.resolve(d));
      }
      port = FreePort.pick();
      confFile = workDir.resolve("smb.conf");
      Files.writeString(confFile, smbConf(workDir, port, config, variant), StandardCharsets.UTF_8);

      UnixUser.Ids ids = UnixUser.ensure(config.user());
      try (CephFs fs = CephFs.mount(config.cephConf(), config.cephId(), config.fsName())) {
        fs.ensureDir(config.sharePath(), 0755, ids.uid(), ids.gid());
      }
      String pw = config.password() + "\n" + config.password() + "\n";
      Exec.Result add =
          Exec.run(
              List.of(pdbedit, "-s", confFile.toString(), "-a", "-t", "-u", config.user()),
              Duration.ofSeconds(30),
              pw.getBytes(StandardCharsets.UTF_8),
              java.util.Map.of(),
              null);
      if (!add.ok()) {
        throw new TargetUnavailableException(
            "pdbedit could not add " + config.user() + ":\n" + add.describe());
      }

      File out = workDir.resolve("log").resolve("smbd.stdout").toFile();
      // smbd makes its own process group (no --no-process-group): at exit it signals that group,
      // which must not be the harness' own
      smbd =
          new ProcessBuilder(smbdPath, "--foreground", "-s", confFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(out)
              .redirectInput(new File("/dev/null"))
              .start();
      if (!FreePort.await(port, START_TIMEOUT, smbd::isAlive)) {
        String why =
            smbd.isAlive()
                ? "does not accept connections on 127.0.0.1:"
                    + port
                    + " after "
                    + START_TIMEOUT.toSeconds()
                    + " s"
                : "exited with " + smbd.exitValue();
        String log = logTail();
        close();
        throw new TargetUnavailableException("smbd " + why + "\n" + log);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot prepare smbd in " + workDir, e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** smb.conf for one private smbd: loopback only, all state under {@code dir}. */
  static String smbConf(Path dir, int port, TargetConfig c, Variant variant) {
    StringBuilder b = new StringBuilder();
    b.append("# generated by io.cephsmb.it.harness.SambaTarget\n");
    b.append("[global]\n");
    line(b, "netbios name", "CEPHSMBREF");
    line(b, "workgroup", "WORKGROUP");
    line(b, "server role", "standalone server");
    line(b, "security", "user");
    line(b, "map to guest", "never");
    line(b, "passdb backend", "tdbsam:" + dir.resolve("private/passdb.tdb"));
    line(b, "private dir", dir.resolve("private").toString());
    line(b, "lock directory", dir.resolve("lock").toString());
    line(b, "state directory", dir.resolve("state").toString());
    line(b, "cache directory", dir.resolve("cache").toString());
    line(b, "pid directory", dir.resolve("pid").toString());
    line(b, "ncalrpc dir", dir.resolve("ncalrpc").toString());
    line(b, "binddns dir", dir.resolve("binddns").toString());
    line(b, "log file", dir.resolve("log/log.%m").toString());
    line(b, "max log size", "0");
    line(b, "log level", "1");
    // loopback only: "lo" would also bind ::1, the harness binds 127.0.0.1 alone
    line(b, "interfaces", "127.0.0.1");
    line(b, "bind interfaces only", "yes");
    line(b, "smb ports", Integer.toString(port));
    line(b, "disable netbios", "yes");
    line(b, "server min protocol", "SMB2_02");
    line(b, "load printers", "no");
    line(b, "printing", "bsd");
    line(b, "printcap name", "/dev/null");
    line(b, "disable spoolss", "yes");
    line(b, "usershare path", "");
    b.append("\n[").append(c.shareName()).append("]\n");
    line(b, "path", c.sharePath());
    line(b, "vfs objects", variant.vfsObjects());
    line(b, "ceph:config_file", c.cephConf().toString());
    line(b, "ceph:user_id", c.cephId());
    line(b, "kernel share modes", "no");
    line(b, "store dos attributes", "yes");
    line(b, "ea support", "yes");
    line(b, "read only", "no");
    line(b, "browseable", "yes");
    line(b, "valid users", c.user());
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append("    ").append(key).append(" = ").append(value).append('\n');
  }

  private static void requireVfsCeph(String smbdPath) {
    Exec.Result r = Exec.run(List.of(smbdPath, "-b"), Duration.ofSeconds(30));
    String modules = null;
    for (String l : r.stdout().split("\n")) {
      String t = l.trim();
      if (t.startsWith("MODULESDIR:")) {
        modules = t.substring("MODULESDIR:".length()).trim();
      }
    }
    if (modules == null) {
      throw new TargetUnavailableException(
          "cannot find smbd's MODULESDIR (smbd -b):\n" + r.describe());
    }
    if (!Files.exists(Path.of(modules, "vfs", "ceph.so"))) {
      throw new TargetUnavailableException(
          "Samba's vfs_ceph ("
              + modules
              + "/vfs/ceph.so) is missing: install samba-vfs-modules (ceph-dev/install-deps)");
    }
  }

  @Override
  public Endpoint endpoint() {
    if (confFile == null) {
      throw new IllegalStateException(name() + " not started");
    }
    return new Endpoint("127.0.0.1", port, config.shareName(), config.user(), config.password());
  }

  @Override
  public synchronized boolean isRunning() {
    return smbd != null && smbd.isAlive();
  }

  @Override
  public synchronized List<Long> serverPids() {
    Set<Long> pids = new LinkedHashSet<>();
    if (smbd != null && smbd.isAlive()) {
      pids.addAll(ProcStats.tree(smbd.pid()));
    }
    if (confFile != null) {
      // samba-dcerpcd and its rpcd_* helpers are started by smbd but detach from it
      for (long p : ProcStats.matching(this::isOurs)) {
        pids.addAll(ProcStats.tree(p));
      }
    }
    return new ArrayList<>(pids);
  }

  private boolean isOurs(List<String> argv) {
    String conf = confFile.toString();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--configfile=" + conf)
          || ((a.equals("-s") || a.equals("--configfile"))
              && i + 1 < argv.size()
              && argv.get(i + 1).equals(conf))) {
        return true;
      }
    }
    return false;
  }

  /** The last lines of smbd's own logs (for failure messages). */
  public String logTail() {
    if (workDir == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.list(workDir.resolve("log"))) {
      for (Path p : s.sorted().toList()) {
        b.append("--- ").append(p.getFileName()).append(" ---\n");
        b.append(Exec.tail(Files.readString(p, StandardCharsets.UTF_8), 3000)).append('\n');
      }
    } catch (IOException e) {
      b.append("(cannot read logs: ").append(e.getMessage()).append(")\n");
    }
    return b.toString();
  }

  @Override
  public synchronized void close() {
    if (smbd != null) {
      List<Long> before = serverPids();
      // TERM to the parent alone first: it stops its children, which unmount CephFS cleanly (a
      // killed child leaves a stale CephFS session whose capabilities block other clients)
      smbd.destroy();
      try {
        smbd.waitFor(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<Long> left = new ArrayList<>(before);
      if (confFile != null) {
        left.addAll(ProcStats.matching(this::isOurs));
      }
      for (long pid : left) {
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .ifPresent(h -> Exec.killTree(h, STOP_GRACE));
      }
      smbd = null;
    }
    if (workDir != null && !Boolean.getBoolean("cephsmb.harness.keepWorkDir")) {
      try (Stream<Path> s = Files.walk(workDir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a leftover temporary directory is harmless
      }
    }
  }

  @Override
  public String toString() {
    return name() + (confFile == null ? "" : " on 127.0.0.1:" + port);
  }
}
