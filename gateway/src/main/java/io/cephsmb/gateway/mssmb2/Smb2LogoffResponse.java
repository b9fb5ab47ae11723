package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** [MS-SMB2] 2.2.8 SMB2 LOGOFF Response: StructureSize 4 and 2 reserved bytes. */
public record Smb2LogoffResponse() {
  /** Reads the body, checking its StructureSize. */
  public static Smb2LogoffResponse decode(ByteBuf m) {
    Fixed4.decode(m, "Smb2LogoffResponse");
    return new Smb2LogoffResponse();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    Fixed4.encode(out);
  }
}
