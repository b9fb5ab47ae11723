package io.cephsmb.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion with a time limit, output captured in files. */
public final class Exec {
  private Exec() {}

  /** What a finished (or killed) program left. */
  public record Result(
      List<String> command,
      int exitCode,
      boolean timedOut,
      String stdout,
      String stderr,
      double seconds) {
    /** Exit 0 and not timed out. */
    public boolean ok() {
      return exitCode == 0 && !timedOut;
    }

    /** A message naming the command, its exit and the tail of its output. */
    public String describe() {
      return String.join(" ", command)
          + (timedOut ? " timed out" : " exited " + exitCode)
          + "\n--- stdout (tail) ---\n"
          + tail(stdout, 4000)
          + "\n--- stderr (tail) ---\n"
          + tail(stderr, 4000);
    }
  }

  /** Runs {@code command} with no input. */
  public static Result run(List<String> command, Duration timeout) {
    return run(command, timeout, null, Map.of(), null);
  }

  /**
   * Runs {@code command}; {@code stdin} (may be null) is written to its standard input, {@code env}
   * added to its environment, {@code dir} (may be null) is its working directory. On timeout the
   * program and all its descendants are killed and {@link Result#timedOut()} is true.
   */
  public static Result run(
      List<String> command, Duration timeout, byte[] stdin, Map<String, String> env, Path dir) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("harness-exec-", ".out");
      err = Files.createTempFile("harness-exec-", ".err");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      if (stdin == null) {
        pb.redirectInput(new File("/dev/null"));
      }
      long t0 = System.nanoTime();
      Process p = pb.start();
      if (stdin != null) {
        try (OutputStream os = p.getOutputStream()) {
          os.write(stdin);
        } catch (IOException e) {
          // the program exited without reading all of its input; its exit status tells
        }
      }
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        killTree(p.toHandle(), Duration.ofSeconds(5));
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      return new Result(
          List.copyOf(command),
          done ? p.exitValue() : -1,
          !done,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          secs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /**
   * Kills a process and all its descendants: TERM first, KILL for what is left after {@code grace}.
   */
  public static void killTree(ProcessHandle root, Duration grace) {
    List<ProcessHandle> all = new java.util.ArrayList<>();
    root.descendants().forEach(all::add);
    all.add(0, root);
    for (ProcessHandle h : all) {
      h.destroy();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle h : all) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          h.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (java.util.concurrent.ExecutionException
            | java.util.concurrent.TimeoutException e) {
          // killed below
        }
      }
    }
    for (ProcessHandle h : all) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
  }

  /** The absolute path of a program, or a {@link TargetUnavailableException} naming it. */
  public static String require(String program, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String d : (path + ":/usr/sbin:/sbin").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
        return Path.of(d, program).toString();
      }
    }
    throw new TargetUnavailableException(
        program
            + " not found (install the Debian package "
            + debianPackage
            + ": ceph-dev/install-deps)");
  }

  static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }

  /** Removes a directory tree, ignoring what cannot be removed. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        deleteQuietly(p);
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless
      }
    }
  }
}
