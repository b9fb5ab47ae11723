package io.cephsmb.cephdev;

/** The dev cluster could not be started, found or stopped; the message says why. */
public final class DevClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DevClusterException(String message) {
    super(message);
  }

  public DevClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
