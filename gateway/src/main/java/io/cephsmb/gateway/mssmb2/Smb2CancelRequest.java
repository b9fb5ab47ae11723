package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.30 SMB2 CANCEL Request (it has no response): StructureSize 4 and 2 reserved bytes.
 */
public record Smb2CancelRequest() {
  /** Reads the body, checking its StructureSize. */
  public static Smb2CancelRequest decode(ByteBuf m) {
    Fixed4.decode(m, "Smb2CancelRequest");
    return new Smb2CancelRequest();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    Fixed4.encode(out);
  }
}
