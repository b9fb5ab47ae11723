package io.cephsmb.gateway.msspng;

import java.util.Optional;

/**
 * The acceptor side of one GSS-API mechanism context, as SPNEGO drives it: tokens in, tokens out,
 * then a session key, an identity and per-message integrity for the mechListMIC. NTLMSSP is the
 * first implementation ({@link NtlmGssMechanism}); Kerberos fits the same shape.
 */
public interface GssMechanism {
  /** The mechanism OID in dotted form. */
  String oid();

  /** Processes one token from the initiator. */
  Step accept(byte[] token);

  /** The session key once {@link Step.Status#COMPLETE}. */
  byte[] sessionKey();

  /** The authenticated identity once {@link Step.Status#COMPLETE}. */
  Identity identity();

  /** GSS_GetMIC over {@code message}; empty when the context offers no integrity. */
  Optional<byte[]> getMic(byte[] message);

  /** GSS_VerifyMIC; false when the MIC is wrong or the context offers no integrity. */
  boolean verifyMic(byte[] message, byte[] mic);

  /**
   * The result of one accept call.
   *
   * @param status where the context stands
   * @param outputToken the token for the initiator, or null
   * @param detail why it failed (for the log), or null
   * @param failureStatus the [MS-ERREF] NTSTATUS a failure answers (STATUS_LOGON_FAILURE unless the
   *     mechanism knows better, e.g. STATUS_INVALID_PARAMETER for a malformed message)
   */
  record Step(Status status, byte[] outputToken, String detail, int failureStatus) {
    /** STATUS_LOGON_FAILURE. */
    public static final int LOGON_FAILURE = 0xC000006D;

    /** A step whose failure, if any, is a logon failure. */
    public Step(Status status, byte[] outputToken, String detail) {
      this(status, outputToken, detail, LOGON_FAILURE);
    }

    /** Context states after a token. */
    public enum Status {
      /** More tokens are needed (GSS_S_CONTINUE_NEEDED). */
      CONTINUE,
      /** The context is established (GSS_S_COMPLETE). */
      COMPLETE,
      /** Authentication failed; the context is dead. */
      FAILED
    }
  }

  /**
   * Who authenticated.
   *
   * @param user the user name
   * @param domain the domain or realm
   * @param anonymous whether the logon is anonymous
   */
  record Identity(String user, String domain, boolean anonymous) {}
}
