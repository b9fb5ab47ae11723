package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;

/**
 * One request of a chain as the inbound handlers see it: its header, its bytes, the SessionId and
 * TreeId it uses after related-compound inheritance ([MS-SMB2] 3.3.5.2.7.2), and the verdicts of
 * the checks before dispatch. Event-loop confined.
 */
final class RequestElement {
  private final Smb2Header header;
  private final ByteBuf message;
  private long sessionId;
  private int treeId;
  private NtStatus rejection;
  private boolean signatureFailed;
  private boolean signatureChecked;

  RequestElement(Smb2Header header, ByteBuf message, long sessionId, int treeId) {
    this.header = header;
    this.message = message;
    this.sessionId = sessionId;
    this.treeId = treeId;
  }

  Smb2Header header() {
    return header;
  }

  /** The command, or null when unknown. */
  Smb2Command command() {
    return header.smb2Command();
  }

  /** This request's bytes (header to end, without the padding to the next one). */
  ByteBuf message() {
    return message;
  }

  /** The SessionId in effect (inherited for related requests). */
  long sessionId() {
    return sessionId;
  }

  /** The TreeId in effect (inherited for related requests). */
  int treeId() {
    return treeId;
  }

  /**
   * For a related request: the SessionId and TreeId the previous request used or created
   * (3.3.5.2.7.2), which may differ from the header's when the previous one was a SESSION_SETUP or
   * TREE_CONNECT.
   */
  void inherit(long previousSessionId, int previousTreeId) {
    sessionId = previousSessionId;
    treeId = previousTreeId;
  }

  /** The status a check before dispatch answered this request with, or null. */
  NtStatus rejection() {
    return rejection;
  }

  /** Rejects the request; the first rejection wins. */
  void reject(NtStatus status) {
    if (rejection == null) {
      rejection = status;
    }
  }

  boolean signatureFailed() {
    return signatureFailed;
  }

  /** Whether the signature rules were applied against a valid session. */
  boolean signatureChecked() {
    return signatureChecked;
  }

  void signatureChecked(boolean checked) {
    signatureChecked = checked;
  }

  void failSignature() {
    signatureFailed = true;
    reject(NtStatus.ACCESS_DENIED);
  }
}
