package io.cephsmb.gateway.msspng;

import io.cephsmb.gateway.msnlmp.NegotiateFlags;
import io.cephsmb.gateway.msnlmp.NtlmDecodeException;
import io.cephsmb.gateway.msnlmp.NtlmResult;
import io.cephsmb.gateway.msnlmp.NtlmServerContext;
import io.cephsmb.gateway.msnlmp.NtlmSessionSecurity;
import java.util.Optional;

/**
 * NTLMSSP ([MS-NLMP]) as a SPNEGO mechanism: NEGOTIATE -> CHALLENGE, AUTHENTICATE -> done. The
 * mechListMIC uses NTLM GSS_GetMIC / GSS_VerifyMIC (MS-NLMP 3.4.4) with fresh sequence numbers.
 */
public final class NtlmGssMechanism implements GssMechanism {
  private final NtlmServerContext context;
  private NtlmResult.Success success;
  private NtlmSessionSecurity security;

  /** A mechanism context over one NTLM server context. */
  public NtlmGssMechanism(NtlmServerContext context) {
    this.context = context;
  }

  @Override
  public String oid() {
    return Oid.NTLMSSP;
  }

  @Override
  public Step accept(byte[] token) {
    try {
      switch (context.state()) {
        case INITIAL:
          return new Step(Step.Status.CONTINUE, context.acceptNegotiate(token), null);
        case CHALLENGE_SENT:
          NtlmResult r = context.acceptAuthenticate(token);
          if (r instanceof NtlmResult.Success s) {
            success = s;
            if (NegotiateFlags.isSet(
                s.negotiatedFlags(), NegotiateFlags.EXTENDED_SESSIONSECURITY)) {
              security = new NtlmSessionSecurity(s.negotiatedFlags(), s.exportedSessionKey(), true);
            }
            return new Step(Step.Status.COMPLETE, null, null);
          }
          NtlmResult.Failure f = (NtlmResult.Failure) r;
          return new Step(
              Step.Status.FAILED, null, f.reason() + ": " + f.detail(), f.reason().ntStatus());
        case DONE:
          break;
      }
      return new Step(Step.Status.FAILED, null, "NTLM context already finished");
    } catch (NtlmDecodeException e) {
      return new Step(Step.Status.FAILED, null, "malformed NTLM message: " + e.getMessage());
    }
  }

  @Override
  public byte[] sessionKey() {
    return completed().exportedSessionKey();
  }

  @Override
  public Identity identity() {
    NtlmResult.Success s = completed();
    return new Identity(s.user(), s.domain(), s.anonymous());
  }

  /** The NTLM result, for callers that need the NTLM details. */
  public NtlmResult.Success ntlmResult() {
    return completed();
  }

  @Override
  public Optional<byte[]> getMic(byte[] message) {
    return security == null ? Optional.empty() : Optional.of(security.sign(message));
  }

  @Override
  public boolean verifyMic(byte[] message, byte[] mic) {
    return security != null && security.verify(message, mic);
  }

  private NtlmResult.Success completed() {
    if (success == null) {
      throw new IllegalStateException("NTLM context not complete");
    }
    return success;
  }
}
