package io.cephsmb.gateway.server;

/**
 * An assembled (and signed) response message on its way to encryption and framing.
 *
 * @param bytes the SMB2 message, possibly a compound
 * @param encryptWith the session whose key encrypts it, or null
 */
record OutboundFrame(byte[] bytes, SmbSession encryptWith) {}
