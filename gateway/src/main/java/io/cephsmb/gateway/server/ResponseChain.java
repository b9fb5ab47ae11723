package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Signer;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.util.ReferenceCounted;
import java.util.List;
import java.util.function.Consumer;

/**
 * Responses to send as one transport message: assembled into a compound, signed and encrypted by
 * the outbound handlers.
 *
 * @param elements the responses in order
 * @param encryptWith the session whose key encrypts the message, or null for plaintext
 * @param closeAfter whether the connection is closed once this is written
 */
record ResponseChain(List<Element> elements, SmbSession encryptWith, boolean closeAfter)
    implements ReferenceCounted {

  // The chain holds one reference to each payload. Netty releases a message it cannot write (the
  // channel closed before the encoder ran), and the encoder releases what it encoded: either way
  // release() gives the payloads back, once.

  @Override
  public int refCnt() {
    for (Element e : elements) {
      if (e.payload() != null && e.payload().refCnt() > 0) {
        return 1;
      }
    }
    return 0;
  }

  @Override
  public ReferenceCounted retain() {
    throw new UnsupportedOperationException("a response chain is written once");
  }

  @Override
  public ReferenceCounted retain(int increment) {
    return retain();
  }

  @Override
  public ReferenceCounted touch() {
    return this;
  }

  @Override
  public ReferenceCounted touch(Object hint) {
    return this;
  }

  @Override
  public boolean release() {
    boolean any = false;
    for (Element e : elements) {
      if (e.payload() != null && e.payload().refCnt() > 0) {
        e.payload().release();
        any = true;
      }
    }
    return any;
  }

  @Override
  public boolean release(int decrement) {
    return release();
  }

  /**
   * One response.
   *
   * @param header the header (NextCommand and the signature are filled in when assembled)
   * @param body the encoded body
   * @param signer the signer, or null for an unsigned response
   * @param onEncoded called with the message bytes as sent before signing, or null
   * @param payload bytes that follow {@code body} in the message, sent without a copy when the
   *     message is neither signed nor encrypted; released by the encoder; may be null
   */
  record Element(
      Smb2Header header,
      byte[] body,
      Smb2Signer signer,
      Consumer<byte[]> onEncoded,
      io.netty.buffer.ByteBuf payload) {
    /** A response without a payload. */
    Element(Smb2Header header, byte[] body, Smb2Signer signer, Consumer<byte[]> onEncoded) {
      this(header, body, signer, onEncoded, null);
    }

    /** The length of the body and payload. */
    int length() {
      return body.length + (payload == null ? 0 : payload.readableBytes());
    }
  }
}
