package io.cephsmb.it.harness;

/** A target could not be started (missing program, bad configuration, no listening port). */
public class TargetUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TargetUnavailableException(String message) {
    super(message);
  }

  public TargetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
