package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.auth.AuthException;
import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.auth.AuthStep;
import io.cephsmb.dcerpc.auth.SecurityContext;
import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A connection's security context with the auth_type, auth_level and auth_context_id fixed at bind
 * ([MS-RPCE] 3.3.1.5.2): checks that every request carries the same, verifies and unseals its stub,
 * and signs and seals responses.
 */
final class SecurityBinding {
  /** [MS-RPCE] 2.2.2.11: stub data is padded to this before the sec_trailer. */
  static final int PAD_ALIGNMENT = 16;

  private final int authType;
  private final AuthLevel level;
  private final int contextId;
  private final SecurityContext context;
  private volatile boolean failed;

  SecurityBinding(int authType, AuthLevel level, int contextId, SecurityContext context) {
    this.authType = authType;
    this.level = level;
    this.contextId = contextId;
    this.context = context;
  }

  AuthLevel level() {
    return level;
  }

  String principal() {
    return context.isEstablished() ? context.principal() : "";
  }

  /** True if {@code v} names this binding's type, level and context id. */
  boolean matches(AuthVerifier v) {
    return v.authType() == authType && v.authLevel() == level.code() && v.contextId() == contextId;
  }

  /**
   * One authentication leg, completing with the answer; a failure (the stage completes with {@link
   * AuthException}) poisons the binding so later requests are refused.
   */
  CompletableFuture<AuthVerifier> step(AuthVerifier in) {
    CompletableFuture<AuthStep> leg;
    try {
      leg = context.accept(in.value().toByteArray()).toCompletableFuture();
    } catch (RuntimeException e) {
      leg = CompletableFuture.failedFuture(e);
    }
    return leg.handle(
        (step, error) -> {
          if (error != null || step == null) {
            failed = true;
            Throwable cause =
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error;
            throw new CompletionException(
                cause instanceof AuthException
                    ? cause
                    : new AuthException("provider failed: " + cause));
          }
          return new AuthVerifier(authType, level.code(), 0, contextId, step.token());
        });
  }

  /**
   * Checks a request fragment and returns its plain stub: the context must be established, the
   * verifier must match the binding and, at PKT_INTEGRITY and PKT_PRIVACY, check out.
   */
  byte[] verify(byte[] frame, RequestPdu request) throws AuthException {
    if (failed || !context.isEstablished()) {
      throw new AuthException("security context not established");
    }
    Optional<AuthVerifier> auth = request.auth();
    if (auth.isEmpty()) {
      if (level.protectsPdus()) {
        throw new AuthException("request without auth verifier at " + level);
      }
      return request.stub().toByteArray();
    }
    AuthVerifier v = auth.get();
    if (!matches(v)) {
      throw new AuthException("auth verifier does not match the level fixed at bind");
    }
    if (!level.protectsPdus()) {
      return request.stub().toByteArray();
    }
    byte[] copy = frame.clone();
    int signedLength = copy.length - v.value().length();
    int stubLength = request.stub().length();
    try {
      context.verify(
          level,
          copy,
          signedLength,
          request.stubOffset(),
          stubLength + v.padLength(),
          v.value().toByteArray());
    } catch (RuntimeException e) {
      throw new AuthException("provider failed: " + e);
    }
    return Arrays.copyOfRange(copy, request.stubOffset(), request.stubOffset() + stubLength);
  }

  /** The length of the signature (0 below PKT_INTEGRITY). */
  int signatureLength() {
    return level.protectsPdus() ? context.signatureLength() : 0;
  }

  /** A placeholder verifier of the right length for a response stub chunk of {@code stubLength}. */
  AuthVerifier placeholder(int stubLength) {
    int pad = (PAD_ALIGNMENT - stubLength % PAD_ALIGNMENT) % PAD_ALIGNMENT;
    return new AuthVerifier(
        authType, level.code(), pad, contextId, Octets.of(new byte[signatureLength()]));
  }

  /** Signs (and at PKT_PRIVACY seals) an encoded PDU in place. */
  void protect(byte[] pdu, int bodyOffset, int bodyLength) {
    int sigLength = signatureLength();
    byte[] sig = context.sign(level, pdu, pdu.length - sigLength, bodyOffset, bodyLength);
    if (sig.length != sigLength) {
      throw new IllegalStateException("provider signature of " + sig.length + " bytes");
    }
    System.arraycopy(sig, 0, pdu, pdu.length - sigLength, sigLength);
  }
}
