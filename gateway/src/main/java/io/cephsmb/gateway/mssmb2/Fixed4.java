package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/** The 4-byte bodies (StructureSize 4 and 2 reserved bytes) several messages share. */
final class Fixed4 {
  static final int STRUCTURE_SIZE = 4;

  private Fixed4() {}

  static void decode(ByteBuf m, String what) {
    Smb2Wire.body(m, STRUCTURE_SIZE, 4, what);
  }

  static void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(0);
  }
}
