/**
 * [MS-SMB2] wire records: the SMB2 header (2.2.1), the error response (2.2.2) and the messages the
 * protocol engine handles up to TREE_CONNECT (NEGOTIATE with its contexts, SESSION_SETUP, LOGOFF,
 * TREE_CONNECT, TREE_DISCONNECT, ECHO, CANCEL, IOCTL for FSCTL_VALIDATE_NEGOTIATE_INFO), the SMB1
 * multi-protocol negotiate request ([MS-SMB2] 1.7 / 3.3.5.3.1) and the {@link
 * io.cephsmb.gateway.mssmb2.NtStatus} table ([MS-ERREF] 2.3.1).
 *
 * <p>Every message is one immutable record. {@code decode(ByteBuf)} takes one whole SMB2 message
 * (header at the buffer's reader index, the body right after it, the message ending at the writer
 * index) because the spec counts buffer offsets from the start of the header; it checks
 * StructureSize, offsets and lengths before it reads and throws {@link
 * io.cephsmb.gateway.mssmb2.Smb2DecodeException} on anything malformed. {@code encode(ByteBuf)}
 * writes the body only (the part after the 64-byte header), with offsets computed for a body that
 * follows a 64-byte header.
 */
package io.cephsmb.gateway.mssmb2;
