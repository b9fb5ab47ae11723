package io.cephsmb.gateway.server;

import io.netty.buffer.ByteBuf;

/**
 * One SMB2 message (possibly a compound) after framing and decryption.
 *
 * @param message the plaintext; the receiver releases it
 * @param decryptedBy the session whose key decrypted it, or null when it came in the clear
 */
record InboundFrame(ByteBuf message, SmbSession decryptedBy) {}
