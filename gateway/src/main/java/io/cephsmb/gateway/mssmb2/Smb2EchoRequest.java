package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** [MS-SMB2] 2.2.28 SMB2 ECHO Request: StructureSize 4 and 2 reserved bytes. */
public record Smb2EchoRequest() {
  /** Reads the body, checking its StructureSize. */
  public static Smb2EchoRequest decode(ByteBuf m) {
    Fixed4.decode(m, "Smb2EchoRequest");
    return new Smb2EchoRequest();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    Fixed4.encode(out);
  }
}
