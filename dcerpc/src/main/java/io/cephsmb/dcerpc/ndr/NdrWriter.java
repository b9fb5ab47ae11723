package io.cephsmb.dcerpc.ndr;

import io.cephsmb.dcerpc.pdu.WireUuid;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.UUID;

/** Little-endian NDR output with alignment counted from the start of the stub. */
final class NdrWriter {
  private final ByteBuf out = Unpooled.buffer();

  void align(int n) {
    int pad = (n - out.writerIndex() % n) % n;
    out.writeZero(pad);
  }

  void primitive(NdrType.Primitive p, long v) {
    align(p.size());
    switch (p) {
      case U8 -> out.writeByte((int) v);
      case U16 -> out.writeShortLE((int) v);
      case U32 -> out.writeIntLE((int) v);
      case U64 -> out.writeLongLE(v);
    }
  }

  void u32(long v) {
    primitive(NdrType.Primitive.U32, v);
  }

  void uuid(UUID u) {
    WireUuid.write(out, u);
  }

  void utf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      out.writeShortLE(s.charAt(i));
    }
  }

  byte[] toByteArray() {
    byte[] b = new byte[out.readableBytes()];
    out.getBytes(out.readerIndex(), b);
    return b;
  }
}
