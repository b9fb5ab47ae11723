package io.cephsmb.dcerpc.server;

/**
 * What the transport knows about the client ([MS-RPCE] 3.3.3.4.3): for ncacn_np the user the SMB
 * session authenticated and its session key, which RPC calls without RPC-level authentication see
 * ([MS-RPCE] 3.3.1.5.2 "transport session key"); for ncacn_ip_tcp nothing.
 *
 * @param principal the user the transport authenticated ("domain\\user"), empty if none or
 *     anonymous
 * @param sessionKey the transport's session key (the SMB2 Session.SessionKey), empty if none
 */
public record TransportIdentity(String principal, byte[] sessionKey) {
  /** No transport-level identity (TCP). */
  public static final TransportIdentity NONE = new TransportIdentity("", new byte[0]);

  /** Copies the key. */
  public TransportIdentity {
    sessionKey = sessionKey.clone();
  }

  /** A copy of the session key. */
  @Override
  public byte[] sessionKey() {
    return sessionKey.clone();
  }

  /** Whether the transport authenticated a (non-anonymous) user. */
  public boolean authenticated() {
    return !principal.isEmpty();
  }
}
