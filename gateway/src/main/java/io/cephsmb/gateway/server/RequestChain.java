package io.cephsmb.gateway.server;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * The requests of one transport message in order ([MS-SMB2] 3.3.5.2.7).
 *
 * @param buffer the buffer all elements slice; released when the chain is done
 * @param elements the requests
 * @param decryptedBy the session whose key decrypted the message, or null
 */
record RequestChain(ByteBuf buffer, List<RequestElement> elements, SmbSession decryptedBy) {
  /** Whether the message came encrypted. */
  boolean encrypted() {
    return decryptedBy != null;
  }
}
