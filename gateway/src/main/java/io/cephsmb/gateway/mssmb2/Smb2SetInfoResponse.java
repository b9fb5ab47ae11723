package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** [MS-SMB2] 2.2.40 SMB2 SET_INFO Response: StructureSize 2 only. */
public record Smb2SetInfoResponse() {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 2;

  /** Reads the response. */
  public static Smb2SetInfoResponse decode(ByteBuf m) {
    Smb2Wire.body(m, STRUCTURE_SIZE, 2, "SET_INFO response");
    return new Smb2SetInfoResponse();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
  }
}
