package io.cephsmb.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/cephsmb}: the one launcher for the gateway's commands. */
@Command(
    name = "cephsmb",
    mixinStandardHelpOptions = true,
    version = "cephsmb 0.1.0-SNAPSHOT",
    description = "Ceph-native SMB gateway",
    subcommands = {ServeCommand.class, StateCommand.class, UserCommand.class, ShareCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line; returns the exit code. */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  /** Runs a command line with the given output streams (for tests). */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
  }
}
