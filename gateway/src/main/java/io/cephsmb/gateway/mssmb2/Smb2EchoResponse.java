package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** [MS-SMB2] 2.2.29 SMB2 ECHO Response: StructureSize 4 and 2 reserved bytes. */
public record Smb2EchoResponse() {
  /** Reads the body, checking its StructureSize. */
  public static Smb2EchoResponse decode(ByteBuf m) {
    Fixed4.decode(m, "Smb2EchoResponse");
    return new Smb2EchoResponse();
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    Fixed4.encode(out);
  }
}
