package io.cephsmb.gateway.msspng;

/** A SPNEGO token is malformed: bad DER, a length that lies, an unexpected tag. */
public final class SpnegoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpnegoException(String message) {
    super(message);
  }
}
