package io.cephsmb.dcerpc.auth;

/**
 * A security provider for one auth_type ([MS-RPCE] 2.2.1.1.7), e.g. NTLMSSP (10). The RPC layer
 * asks it for a fresh {@link SecurityContext} for each connection that binds with its type.
 */
public interface SecurityProvider {
  /** The auth_type octet it serves. */
  int authType();

  /** A new server-side context, before its first leg. */
  SecurityContext newContext();
}
