package io.cephsmb.gateway.msnlmp;

/** The outcome of verifying an AUTHENTICATE_MESSAGE. */
public sealed interface NtlmResult {
  /**
   * The client proved its identity (or logged on anonymously, when the server allows it).
   *
   * @param user UserName as the client sent it
   * @param domain DomainName as the client sent it
   * @param workstation Workstation as the client sent it
   * @param anonymous whether this is an anonymous logon ([MS-NLMP] 3.2.5.1.2)
   * @param negotiatedFlags the flags in force: the AUTHENTICATE flags within the CHALLENGE flags
   * @param exportedSessionKey ExportedSessionKey, the key the application (SMB) uses
   */
  record Success(
      String user,
      String domain,
      String workstation,
      boolean anonymous,
      int negotiatedFlags,
      byte[] exportedSessionKey)
      implements NtlmResult {
    /** Copies the key. */
    public Success {
      exportedSessionKey = exportedSessionKey.clone();
    }

    @Override
    public byte[] exportedSessionKey() {
      return exportedSessionKey.clone();
    }
  }

  /**
   * The logon failed.
   *
   * @param reason why; the NTSTATUS for the client is {@link Reason#ntStatus()}
   * @param detail a message for the log, never for the client
   */
  record Failure(Reason reason, String detail) implements NtlmResult {}

  /** Why a logon failed, and the [MS-ERREF] 2.3.1 NTSTATUS the client gets. */
  enum Reason {
    /** Unknown user or wrong password (NTProofStr mismatch). */
    WRONG_CREDENTIALS(0xC000006D),
    /** An NTLMv1 or LM-only response: not accepted. */
    NTLMV1_REJECTED(0xC000006D),
    /** MsvAvFlags announces a MIC but the message has none, or the MIC does not match. */
    MIC_MISMATCH(0xC000006D),
    /** An anonymous logon while the server does not allow them. */
    ANONYMOUS_NOT_ALLOWED(0xC000006D),
    /** The message is malformed. */
    MALFORMED(0xC000000D);

    private final int ntStatus;

    Reason(int ntStatus) {
      this.ntStatus = ntStatus;
    }

    /** STATUS_LOGON_FAILURE (0xC000006D) or STATUS_INVALID_PARAMETER (0xC000000D). */
    public int ntStatus() {
      return ntStatus;
    }
  }
}
