package io.cephsmb.gateway.server;

/** [MS-SMB2] 3.3.1.8 Session.State. */
enum SessionState {
  /** Authentication is under way (more SESSION_SETUP legs expected). */
  IN_PROGRESS,
  /** Authenticated; keys are in place. */
  VALID,
  /** The authentication expired; the client must re-authenticate (Kerberos tickets, later). */
  EXPIRED,
  /** Logged off or failed; the session is gone from the connection. */
  CLOSED
}
