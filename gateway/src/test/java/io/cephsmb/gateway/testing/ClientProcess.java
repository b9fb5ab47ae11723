package io.cephsmb.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client (smbclient, rpcclient, smbtorture) for a test: stdin from /dev/null, stdout
 * and stderr together into a temporary file (a chatty client never blocks on a full pipe), and a
 * time limit after which the test fails with what the client printed so far.
 */
public final class ClientProcess {
  private ClientProcess() {}

  /** How a client run ended. */
  public record Result(int exit, String output) {}

  /** Runs {@code cmd} in {@code workDir} (null: the current directory) within {@code limit}. */
  public static Result run(Path workDir, List<String> cmd, Duration limit)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("client", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      Process p = pb.start();
      boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly();
        throw new AssertionError(
            cmd.get(0) + " hung (" + limit + "): " + cmd + "\n" + Files.readString(log));
      }
      return new Result(p.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** {@code smbclient //127.0.0.1/SHARE -p PORT -U LOGIN [extra...] -c COMMANDS}. */
  public static Result smbclient(
      Path workDir,
      int port,
      String share,
      String login,
      String commands,
      Duration limit,
      String... extra)
      throws IOException, InterruptedException {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "smbclient", "//127.0.0.1/" + share, "-p", Integer.toString(port), "-U", login));
    cmd.addAll(List.of(extra));
    cmd.addAll(List.of("-c", commands));
    return run(workDir, cmd, limit);
  }
}
