package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** [MS-SMB2] 2.2.18 SMB2 FLUSH Response: StructureSize 4 and 2 reserved bytes. */
public record Smb2FlushResponse() {
  /** Reads the body, checking its StructureSize. */
  public static Smb2FlushResponse decode(ByteBuf m) {
    Fixed4.decode(m, "FLUSH response");
    return new Smb2FlushResponse();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    Fixed4.encode(out);
  }
}
