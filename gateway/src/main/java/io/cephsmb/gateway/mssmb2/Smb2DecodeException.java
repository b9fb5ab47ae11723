package io.cephsmb.gateway.mssmb2;

/**
 * A message is malformed: too short, a wrong StructureSize, or an offset or length that points
 * outside the message. The server answers it with {@link #status()} (STATUS_INVALID_PARAMETER
 * unless the decoder says otherwise); it is never an IndexOutOfBoundsException.
 */
public final class Smb2DecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final NtStatus status;

  /** A decode failure answered with STATUS_INVALID_PARAMETER. */
  public Smb2DecodeException(String message) {
    this(NtStatus.INVALID_PARAMETER, message);
  }

  /** A decode failure answered with {@code status}. */
  public Smb2DecodeException(NtStatus status, String message) {
    super(message);
    this.status = status;
  }

  /** The status for the client. */
  public NtStatus status() {
    return status;
  }
}
