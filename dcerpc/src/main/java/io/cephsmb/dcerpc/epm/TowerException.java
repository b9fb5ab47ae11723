package io.cephsmb.dcerpc.epm;

/** A protocol tower that does not decode. */
public final class TowerException extends Exception {
  private static final long serialVersionUID = 1L;

  public TowerException(String message) {
    super(message);
  }
}
