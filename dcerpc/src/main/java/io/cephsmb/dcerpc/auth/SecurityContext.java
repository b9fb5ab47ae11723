package io.cephsmb.dcerpc.auth;

import java.util.concurrent.CompletionStage;

/**
 * The server side of one connection's security context. The RPC layer calls {@link #accept} with
 * each leg's token (bind, alter_context, auth3) and, once established, {@link #verify} on every
 * inbound PDU and {@link #sign} on every outbound PDU at PKT_INTEGRITY and PKT_PRIVACY.
 *
 * <p>The signed region of a PDU is {@code pdu[0, signedLength)}: header, body, auth pad and the
 * 8-octet sec_trailer, without the auth value ([MS-RPCE] 3.3.1.5.2.2). The body region {@code
 * pdu[bodyOffset, bodyOffset + bodyLength)} is the stub data and the auth pad, the part sealed at
 * PKT_PRIVACY. Calls are made with the connection's lock held, one at a time.
 *
 * <p>{@link #accept} may complete later (e.g. after a password database lookup): the connection
 * holds back the PDUs that follow until it completes, and never blocks a thread on it.
 */
public interface SecurityContext {
  /**
   * Processes one leg's token; the stage completes with the answer, or exceptionally (with {@link
   * AuthException}) if authentication failed. It must not block the calling thread.
   */
  CompletionStage<AuthStep> accept(byte[] token);

  /** True once the exchange has completed successfully. */
  boolean isEstablished();

  /** The length of the auth value {@link #sign} produces. */
  int signatureLength();

  /**
   * Checks {@code signature} over the signed region; at PKT_PRIVACY first unseals the body region
   * in place.
   */
  void verify(
      AuthLevel level,
      byte[] pdu,
      int signedLength,
      int bodyOffset,
      int bodyLength,
      byte[] signature)
      throws AuthException;

  /**
   * Returns the signature over the signed region; at PKT_PRIVACY also seals the body region in
   * place.
   */
  byte[] sign(AuthLevel level, byte[] pdu, int signedLength, int bodyOffset, int bodyLength);

  /** The authenticated principal (for handlers), or empty before establishment. */
  String principal();
}
