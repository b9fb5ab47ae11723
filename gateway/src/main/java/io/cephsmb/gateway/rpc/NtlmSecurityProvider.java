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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * NTLMSSP for DCE/RPC (auth_type 10, RPC_C_AUTHN_WINNT; [MS-RPCE] 3.3.1.5.2, [MS-NLMP] 3.4): the
 * NEGOTIATE in bind (CHALLENGE back in bind_ack), the AUTHENTICATE in auth3 or alter_context. The
 * user's NT hash comes from an asynchronous lookup (the gateway's passdb in RADOS), so the
 * AUTHENTICATE leg completes later and no thread waits for it. At PKT_INTEGRITY and PKT_PRIVACY
 * every PDU is signed over header, body, pad and sec_trailer, and at PKT_PRIVACY the stub and pad
 * are sealed, with the connection-oriented session security of [MS-NLMP] 3.4 (one sequence number
 * per direction across the connection).
 */
public final class NtlmSecurityProvider implements SecurityProvider {
  private final NtlmServerConfig config;
  private final Function<String, CompletionStage<Optional<byte[]>>> ntHashes;
  private final SecureRandom random;
  private final Clock clock;

  /**
   * @param config what the CHALLENGE says about the server (anonymous logons should be off)
   * @param ntHashes the NT hash of a user by name, or empty for an unknown user
   */
  public NtlmSecurityProvider(
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
    return AuthVerifier.AUTH_TYPE_NTLMSSP;
  }

  @Override
  public SecurityContext newContext() {
    return new Context();
  }

  /** One connection's NTLM exchange and, once it succeeded, its session security. */
  private final class Context extends NtlmSecuredContext {
    private final NtlmServerContext ntlm =
        new NtlmServerContext(config, (user, domain) -> hash, random, clock);

    @Override
    public CompletionStage<AuthStep> accept(byte[] token) {
      try {
        switch (ntlm.state()) {
          case INITIAL:
            return CompletableFuture.completedFuture(
                new AuthStep(Octets.of(ntlm.acceptNegotiate(token)), false));
          case CHALLENGE_SENT:
            String user = AuthenticateMessage.decode(token).user();
            return ntHashes.apply(user).thenApply(found -> authenticate(found, token));
          default:
            return CompletableFuture.failedFuture(new AuthException("NTLM exchange already done"));
        }
      } catch (NtlmDecodeException | IllegalStateException e) {
        return CompletableFuture.failedFuture(new AuthException("NTLM: " + e.getMessage()));
      }
    }

    private AuthStep authenticate(Optional<byte[]> found, byte[] token) {
      hash = found;
      NtlmResult result = ntlm.acceptAuthenticate(token);
      if (!(result instanceof NtlmResult.Success s)) {
        throw new CompletionException(
            new AuthException("NTLM logon failed: " + ((NtlmResult.Failure) result).reason()));
      }
      established(s);
      return new AuthStep(Octets.EMPTY, true);
    }
  }
}
