package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** [MS-SMB2] 2.2.7 SMB2 LOGOFF Request: StructureSize 4 and 2 reserved bytes. */
public record Smb2LogoffRequest() {
  /** Reads the body, checking its StructureSize. */
  public static Smb2LogoffRequest decode(ByteBuf m) {
    Fixed4.decode(m, "Smb2LogoffRequest");
    return new Smb2LogoffRequest();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    Fixed4.encode(out);
  }
}
