package io.cephsmb.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Process facts from Linux's {@code /proc}: process trees and CPU time and memory of a set of
 * processes.
 *
 * <p>CPU is counted as utime + stime + cutime + cstime of every live process of the set: a child
 * that has exited and been reaped by its parent is in the parent's cutime/cstime, so the sum over a
 * tree covers every process the tree ever had (as long as the root lives), each counted once.
 */
public final class ProcStats {
  private ProcStats() {}

  /** Clock ticks per second of {@code /proc/<pid>/stat} times (USER_HZ, 100 on Linux). */
  static final double CLOCK_TICKS = clockTicks();

  /** CPU seconds and memory of a set of processes at one moment. */
  public record Usage(List<Long> pids, double cpuSeconds, long rssBytes, long pssBytes) {}

  /** The process and all its live descendants (by parent pid in {@code /proc}). */
  public static List<Long> tree(long root) {
    Map<Long, List<Long>> children = new HashMap<>();
    for (long pid : allPids()) {
      long ppid = ppid(pid);
      if (ppid > 0) {
        children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid);
      }
    }
    List<Long> out = new ArrayList<>();
    if (!Files.exists(Path.of("/proc", Long.toString(root)))) {
      return out;
    }
    ArrayList<Long> queue = new ArrayList<>(List.of(root));
    Set<Long> seen = new LinkedHashSet<>();
    while (!queue.isEmpty()) {
      long p = queue.remove(queue.size() - 1);
      if (seen.add(p)) {
        queue.addAll(children.getOrDefault(p, List.of()));
      }
    }
    out.addAll(seen);
    return out;
  }

  /** Every live process whose command line (NUL-separated arguments) satisfies the predicate. */
  public static List<Long> matching(Predicate<List<String>> argv) {
    List<Long> out = new ArrayList<>();
    for (long pid : allPids()) {
      List<String> a = cmdline(pid);
      if (!a.isEmpty() && argv.test(a)) {
        out.add(pid);
      }
    }
    return out;
  }

  /** CPU and memory of the given processes now (processes gone meanwhile count as zero). */
  public static Usage usage(Collection<Long> pids) {
    double cpu = 0;
    long rss = 0;
    long pss = 0;
    List<Long> seen = new ArrayList<>();
    for (long pid : new LinkedHashSet<>(pids)) {
      long[] t = cpuTicks(pid);
      if (t == null) {
        continue;
      }
      seen.add(pid);
      cpu += (t[0] + t[1] + t[2] + t[3]) / CLOCK_TICKS;
      long[] m = memory(pid);
      rss += m[0];
      pss += m[1];
    }
    return new Usage(seen, cpu, rss, pss);
  }

  /** The parent pid, or -1 if the process is gone. */
  static long ppid(long pid) {
    String[] f = statFields(pid);
    return f == null ? -1 : Long.parseLong(f[1]);
  }

  /** utime, stime, cutime, cstime in ticks, or null if the process is gone. */
  static long[] cpuTicks(long pid) {
    String[] f = statFields(pid);
    if (f == null) {
      return null;
    }
    // fields after "(comm)": state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14
    return new long[] {
      Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])
    };
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name, or null. */
  static String[] statFields(long pid) {
    String s = read(Path.of("/proc", Long.toString(pid), "stat"));
    if (s == null) {
      return null;
    }
    return parseStat(s);
  }

  /** Splits a stat line after the last ')' (the command name may hold spaces and parentheses). */
  static String[] parseStat(String stat) {
    int close = stat.lastIndexOf(')');
    return stat.substring(close + 2).trim().split(" ");
  }

  /** {Rss, Pss} in bytes from {@code smaps_rollup} (falls back to status' VmRSS). */
  static long[] memory(long pid) {
    String s = read(Path.of("/proc", Long.toString(pid), "smaps_rollup"));
    long rss = 0;
    long pss = 0;
    if (s != null) {
      for (String line : s.split("\n")) {
        if (line.startsWith("Rss:")) {
          rss = kb(line);
        } else if (line.startsWith("Pss:")) {
          pss = kb(line);
        }
      }
      return new long[] {rss, pss};
    }
    String st = read(Path.of("/proc", Long.toString(pid), "status"));
    if (st != null) {
      for (String line : st.split("\n")) {
        if (line.startsWith("VmRSS:")) {
          rss = kb(line);
        }
      }
    }
    return new long[] {rss, rss};
  }

  private static long kb(String line) {
    String[] p = line.trim().split("\\s+");
    return Long.parseLong(p[1]) * 1024;
  }

  static List<String> cmdline(long pid) {
    String s = read(Path.of("/proc", Long.toString(pid), "cmdline"));
    if (s == null || s.isEmpty()) {
      return List.of();
    }
    return List.of(s.split("\0"));
  }

  static List<Long> allPids() {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
          pids.add(Long.parseLong(n));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return pids;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return null; // the process is gone (or never was)
    }
  }

  private static double clockTicks() {
    try {
      Exec.Result r = Exec.run(List.of("getconf", "CLK_TCK"), java.time.Duration.ofSeconds(10));
      if (r.ok()) {
        return Double.parseDouble(r.stdout().trim());
      }
    } catch (RuntimeException e) {
      // fall through to Linux's fixed USER_HZ
    }
    return 100;
  }
}
