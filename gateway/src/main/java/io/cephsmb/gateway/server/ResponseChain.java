package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Signer;
import io.cephsmb.gateway.mssmb2.Smb2Header;
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
record ResponseChain(List<Element> elements, SmbSession encryptWith, boolean closeAfter) {
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
