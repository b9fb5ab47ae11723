package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2ErrorResponse;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * What a handler answers: the status, the body writer, and what the dispatcher must know to send
 * it.
 *
 * @param status the Status for the header
 * @param body writes the response body (the part after the header)
 * @param onEncoded called with the exact bytes of the response message as sent (after padding,
 *     before signing), for the 3.1.1 preauth integrity hash; may be null
 * @param signAs the session whose key must sign this response even when the request was unsigned
 *     (the final SESSION_SETUP response); may be null
 * @param disconnect whether the connection is closed once the response is sent, or without one when
 *     {@code body} is null
 * @param payload bulk data sent right after what {@code body} writes, without being copied (READ
 *     data); the response owns it and the server releases it once sent or dropped; may be null
 */
public record Response(
    NtStatus status,
    Consumer<ByteBuf> body,
    Consumer<byte[]> onEncoded,
    SmbSession signAs,
    boolean disconnect,
    ByteBuf payload) {
  /** A response without a payload. */
  public Response(
      NtStatus status,
      Consumer<ByteBuf> body,
      Consumer<byte[]> onEncoded,
      SmbSession signAs,
      boolean disconnect) {
    this(status, body, onEncoded, signAs, disconnect, null);
  }

  /**
   * A success whose body is what {@code fixedPart} writes followed by {@code payload} (which the
   * response takes over).
   */
  public static Response ok(Consumer<ByteBuf> fixedPart, ByteBuf payload) {
    return new Response(NtStatus.SUCCESS, fixedPart, null, null, false, payload);
  }

  /** A success with a body. */
  public static Response ok(Consumer<ByteBuf> body) {
    return new Response(NtStatus.SUCCESS, body, null, null, false);
  }

  /** A status with a body (e.g. MORE_PROCESSING_REQUIRED with a SESSION_SETUP body). */
  public static Response of(NtStatus status, Consumer<ByteBuf> body) {
    return new Response(status, body, null, null, false);
  }

  /** An error with the 2.2.2 ERROR body. */
  public static Response error(NtStatus status) {
    return new Response(status, Smb2ErrorResponse.empty()::encode, null, null, false);
  }

  /** Close the connection without answering (3.3.5.2 "the server MUST disconnect"). */
  public static Response drop() {
    return new Response(NtStatus.INVALID_PARAMETER, null, null, null, true);
  }

  /** No response at all (CANCEL, [MS-SMB2] 3.3.5.16). */
  public static Response none() {
    return new Response(NtStatus.SUCCESS, null, null, null, false);
  }

  /** Whether nothing is sent. */
  public boolean isNone() {
    return body == null && !disconnect;
  }

  /** This response with a callback for its encoded bytes. */
  public Response withOnEncoded(Consumer<byte[]> callback) {
    return new Response(status, body, callback, signAs, disconnect, payload);
  }

  /** This response, signed by {@code session}. */
  public Response signedBy(SmbSession session) {
    return new Response(status, body, onEncoded, session, disconnect, payload);
  }
}
