package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** [MS-SMB2] 2.2.11 SMB2 TREE_DISCONNECT Request: StructureSize 4 and 2 reserved bytes. */
public record Smb2TreeDisconnectRequest() {
  /** Reads the body, checking its StructureSize. */
  public static Smb2TreeDisconnectRequest decode(ByteBuf m) {
    Fixed4.decode(m, "Smb2TreeDisconnectRequest");
    return new Smb2TreeDisconnectRequest();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    Fixed4.encode(out);
  }
}
