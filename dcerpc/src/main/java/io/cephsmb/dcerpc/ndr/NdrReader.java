package io.cephsmb.dcerpc.ndr;

import io.cephsmb.dcerpc.pdu.WireUuid;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.UUID;

/** Little-endian NDR input that checks every read against the stub's length. */
final class NdrReader {
  private final ByteBuf in;

  NdrReader(byte[] stub) {
    this.in = Unpooled.wrappedBuffer(stub);
  }

  int remaining() {
    return in.readableBytes();
  }

  void need(long n, String what) throws NdrException {
    if (n < 0 || n > in.readableBytes()) {
      throw new NdrException(
          what + " needs " + n + " bytes, " + in.readableBytes() + " remain in the stub");
    }
  }

  void align(int n) throws NdrException {
    int pad = (n - in.readerIndex() % n) % n;
    need(pad, "alignment");
    in.skipBytes(pad);
  }

  long primitive(NdrType.Primitive p, String what) throws NdrException {
    align(p.size());
    need(p.size(), what);
    return switch (p) {
      case U8 -> in.readUnsignedByte();
      case U16 -> in.readUnsignedShortLE();
      case U32 -> in.readUnsignedIntLE();
      case U64 -> in.readLongLE();
    };
  }

  /** A count (maximum, offset, actual) that must also fit in an int. */
  int count(String what) throws NdrException {
    long v = primitive(NdrType.Primitive.U32, what);
    if (v > Integer.MAX_VALUE) {
      throw new NdrException(what + " too large: " + v);
    }
    return (int) v;
  }

  UUID uuid() throws NdrException {
    need(WireUuid.LENGTH, "uuid");
    return WireUuid.read(in);
  }

  String utf16(int chars) throws NdrException {
    need(2L * chars, chars + " UTF-16 code units");
    char[] c = new char[chars];
    for (int i = 0; i < chars; i++) {
      c[i] = (char) in.readUnsignedShortLE();
    }
    return new String(c);
  }
}
