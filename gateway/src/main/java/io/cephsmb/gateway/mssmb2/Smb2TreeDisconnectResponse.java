package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** [MS-SMB2] 2.2.12 SMB2 TREE_DISCONNECT Response: StructureSize 4 and 2 reserved bytes. */
public record Smb2TreeDisconnectResponse() {
  /** Reads the body, checking its StructureSize. */
  public static Smb2TreeDisconnectResponse decode(ByteBuf m) {
    Fixed4.decode(m, "Smb2TreeDisconnectResponse");
    return new Smb2TreeDisconnectResponse();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    Fixed4.encode(out);
  }
}
