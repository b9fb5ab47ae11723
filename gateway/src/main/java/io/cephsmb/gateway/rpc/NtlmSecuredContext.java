package io.cephsmb.gateway.rpc;

import io.cephsmb.dcerpc.auth.AuthException;
import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.auth.SecurityContext;
import io.cephsmb.gateway.msnlmp.NegotiateFlags;
import io.cephsmb.gateway.msnlmp.NtlmResult;
import io.cephsmb.gateway.msnlmp.NtlmSessionSecurity;
import java.util.Optional;

/**
 * What the NTLMSSP and SPNEGO security contexts share once an NTLM logon succeeded: the principal
 * and the connection-oriented session security of [MS-NLMP] 3.4 that signs and seals PDUs ({@link
 * NtlmPduSecurity}). Subclasses run their own token exchange and call {@link #established}.
 */
abstract class NtlmSecuredContext implements SecurityContext {
  /** The NT hash the asynchronous lookup found, handed to the synchronous authenticator. */
  protected volatile Optional<byte[]> hash = Optional.empty();

  private volatile NtlmSessionSecurity session;
  private volatile String principal = "";
  private volatile boolean established;

  /**
   * The logon {@code s} succeeded: sets up session security (with extended session security; null
   * without) and the principal. Returns the session security, or null.
   */
  protected final NtlmSessionSecurity established(NtlmResult.Success s) {
    if (NegotiateFlags.isSet(s.negotiatedFlags(), NegotiateFlags.EXTENDED_SESSIONSECURITY)) {
      session = new NtlmSessionSecurity(s.negotiatedFlags(), s.exportedSessionKey(), true);
    }
    principal = s.domain().isEmpty() ? s.user() : s.domain() + "\\" + s.user();
    established = true;
    return session;
  }

  @Override
  public boolean isEstablished() {
    return established;
  }

  @Override
  public int signatureLength() {
    return NtlmSessionSecurity.SIGNATURE_LENGTH;
  }

  @Override
  public void verify(
      AuthLevel level,
      byte[] pdu,
      int signedLength,
      int bodyOffset,
      int bodyLength,
      byte[] signature)
      throws AuthException {
    NtlmPduSecurity.verify(session, level, pdu, signedLength, bodyOffset, bodyLength, signature);
  }

  @Override
  public byte[] sign(
      AuthLevel level, byte[] pdu, int signedLength, int bodyOffset, int bodyLength) {
    return NtlmPduSecurity.sign(session, level, pdu, signedLength, bodyOffset, bodyLength);
  }

  @Override
  public String principal() {
    return principal;
  }
}
