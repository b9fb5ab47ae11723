package io.cephsmb.gateway.rpc;

import io.cephsmb.dcerpc.auth.AuthException;
import io.cephsmb.dcerpc.auth.AuthStep;
import io.cephsmb.dcerpc.auth.SecurityContext;
import io.cephsmb.dcerpc.auth.SecurityProvider;
import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.gateway.msnlmp.AuthenticateMessage;
import io.cephsmb.gateway.msnlmp.NtlmDecodeException;
import io.cephsmb.gateway.msnlmp.NtlmResult;
import io.cephsmb.gateway.msnlmp.NtlmServerConfig;
import io.cephsmb.gateway.msnlmp.NtlmServerContext;
import io.cephsmb.gateway.msnlmp.NtlmSessionSecurity;
import io.cephsmb.gateway.msspng.NegTokenResp;
import io.cephsmb.gateway.msspng.NtlmGssMechanism;
import io.cephsmb.gateway.msspng.Oid;
import io.cephsmb.gateway.msspng.SpnegoAcceptor;
import io.cephsmb.gateway.msspng.SpnegoException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * SPNEGO for DCE/RPC (auth_type 9, RPC_C_AUTHN_GSS_NEGOTIATE; [MS-RPCE] 2.2.1.1.8, [MS-SPNG]) with
 * NTLMSSP as its one mechanism, through the gateway's {@link SpnegoAcceptor}: the NegTokenInit in
 * bind, the NegTokenResp legs in alter_context (or auth3). The NT hash of the user named in the
 * wrapped AUTHENTICATE is looked up asynchronously before that leg runs. Once complete, PDUs are
 * signed and sealed with NTLM session security whose RC4 state restarts after the mechListMIC
 * exchange while the sequence numbers go on from the MICs' (as Windows and Samba do).
 */
public final class SpnegoSecurityProvider implements SecurityProvider {
  private final NtlmServerConfig config;
  private final Function<String, CompletionStage<Optional<byte[]>>> ntHashes;
  private final SecureRandom random;
  private final Clock clock;

  /**
   * @param config what the NTLM CHALLENGE says about the server
   * @param ntHashes the NT hash of a user by name, or empty for an unknown user
   */
  public SpnegoSecurityProvider(
      NtlmServerConfig config,
      Function<String, CompletionStage<Optional<byte[]>>> ntHashes,
      SecureRandom random,
      Clock clock) {
    this.config = config;
    this.ntHashes = ntHashes;
    this.random = random;
    this.clock = clock;
  }

  @Override
  public int authType() {
    return AuthVerifier.AUTH_TYPE_SPNEGO;
  }

  @Override
  public SecurityContext newContext() {
    return new Context();
  }

  /** One connection's SPNEGO negotiation and, once complete, its NTLM session security. */
  private final class Context extends NtlmSecuredContext {
    private final SpnegoAcceptor acceptor =
        new SpnegoAcceptor(
            Map.of(
                Oid.NTLMSSP,
                () ->
                    new NtlmGssMechanism(
                        new NtlmServerContext(config, (user, domain) -> hash, random, clock))));

    @Override
    public CompletionStage<AuthStep> accept(byte[] token) {
      try {
        String user = authenticatingUser(token);
        if (user == null) {
          return CompletableFuture.completedFuture(step(token));
        }
        return ntHashes
            .apply(user)
            .thenApply(
                found -> {
                  hash = found;
                  try {
                    return step(token);
                  } catch (AuthException e) {
                    throw new CompletionException(e);
                  }
                });
      } catch (AuthException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    /** The user of the NTLM AUTHENTICATE inside a NegTokenResp, or null for other legs. */
    private String authenticatingUser(byte[] token) throws AuthException {
      if (acceptor.state() != SpnegoAcceptor.State.IN_PROGRESS) {
        return null;
      }
      try {
        byte[] inner = NegTokenResp.decode(token).responseToken();
        if (inner == null || inner.length < 12 || inner[8] != 3) {
          return null;
        }
        return AuthenticateMessage.decode(inner).user();
      } catch (SpnegoException | NtlmDecodeException e) {
        throw new AuthException("SPNEGO: " + e.getMessage());
      }
    }

    private AuthStep step(byte[] token) throws AuthException {
      byte[] out = acceptor.accept(token);
      switch (acceptor.state()) {
        case COMPLETE:
          NtlmResult.Success s = ((NtlmGssMechanism) acceptor.mechanism()).ntlmResult();
          NtlmSessionSecurity session = established(s);
          if (session != null && micExchanged(out)) {
            // each side's mechListMIC used sequence number 0; the cipher state starts afresh
            session.restart(1, 1);
          }
          return new AuthStep(Octets.of(out), true);
        case FAILED:
          throw new AuthException("SPNEGO: " + acceptor.failure());
        default:
          return new AuthStep(Octets.of(out), false);
      }
    }

    private boolean micExchanged(byte[] answer) {
      try {
        return NegTokenResp.decode(answer).mechListMic() != null;
      } catch (SpnegoException e) {
        return false;
      }
    }
  }
}
