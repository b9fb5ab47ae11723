package io.cephsmb.radoslock;

import io.cephsmb.cephdev.DevCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A running {@link LockProbe} child JVM: its events, and signals to send it. */
final class Probe implements AutoCloseable {
  final Process process;
  final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
  final String address;
  final long instanceId;

  Probe(DevCluster cluster, String ns, String... roleArgs)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Djava.library.path=" + System.getProperty("java.library.path"));
    cmd.add(LockProbe.class.getName());
    cmd.add(roleArgs[0]);
    cmd.add(cluster.confPath().toString());
    cmd.add(cluster.clientId());
    cmd.add(cluster.statePool());
    cmd.add(ns);
    for (int i = 1; i < roleArgs.length; i++) {
      cmd.add(roleArgs[i]);
    }
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                  all.add(l);
                  lines.add(l);
                }
              } catch (IOException e) {
                lines.add("READ_ERROR " + e);
              }
            },
            "probe-reader");
    reader.setDaemon(true);
    reader.start();
    String first = expect("ADDR ", 30_000);
    String[] parts = first.split(" ");
    address = parts[1];
    instanceId = Long.parseLong(parts[2]);
  }

  /** The next line starting with {@code prefix} within {@code ms}, skipping others. */
  String expect(String prefix, long ms) throws InterruptedException {
    long end = System.nanoTime() + ms * 1_000_000;
    while (true) {
      long left = end - System.nanoTime();
      String l = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new AssertionError("no '" + prefix + "' within " + ms + " ms; output: " + all);
      }
      if (l.startsWith(prefix)) {
        return l;
      }
    }
  }

  /** Like {@link #expect} but returns null instead of failing. */
  String poll(String prefix, long ms) throws InterruptedException {
    try {
      return expect(prefix, ms);
    } catch (AssertionError e) {
      return null;
    }
  }

  void signal(String sig) throws IOException, InterruptedException {
    Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start();
    if (k.waitFor() != 0) {
      throw new AssertionError("kill -" + sig + " failed");
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
