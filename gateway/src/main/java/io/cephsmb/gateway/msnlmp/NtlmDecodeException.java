package io.cephsmb.gateway.msnlmp;

/**
 * An NTLMSSP message or structure is malformed: wrong signature or message type, truncated, or a
 * length or offset that points outside the message.
 */
public final class NtlmDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NtlmDecodeException(String message) {
    super(message);
  }
}
