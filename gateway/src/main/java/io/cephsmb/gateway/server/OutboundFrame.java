package io.cephsmb.gateway.server;

import io.netty.buffer.ByteBuf;

/**
 * An assembled (and signed) response message on its way to encryption and framing.
 *
 * @param message the SMB2 message, possibly a compound, with {@link FramePrefixer#PREFIX} free
 *     bytes before its reader index; whoever takes it releases it
 * @param encryptWith the session whose key encrypts it, or null
 */
record OutboundFrame(ByteBuf message, SmbSession encryptWith) {}
