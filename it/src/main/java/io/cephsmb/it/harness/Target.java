package io.cephsmb.it.harness;

import java.util.List;

/**
 * An SMB server the harness runs clients against: the gateway or the Samba reference. A target is
 * started once, serves one share on 127.0.0.1, and is closed (stopping every process it started).
 */
public interface Target extends AutoCloseable {

  /** Short name used in tables and JSON, e.g. {@code samba} or {@code gateway}. */
  String name();

  /**
   * Starts the server and returns when it accepts connections.
   *
   * @throws TargetUnavailableException if the server cannot be started, with the reason
   */
  void start();

  /** Where clients reach it; valid after {@link #start()}. */
  Endpoint endpoint();

  /**
   * The server's processes now: the main process and every process it forked (for CPU and memory
   * accounting). Empty when it does not run.
   */
  List<Long> serverPids();

  /** Whether the main server process runs. */
  boolean isRunning();

  /** What is known of why the server does not run (exit status, end of its log). */
  default String whyNotRunning() {
    return name() + " is not running";
  }

  /** Stops the server and every process it forked; idempotent; never throws. */
  @Override
  void close();
}
