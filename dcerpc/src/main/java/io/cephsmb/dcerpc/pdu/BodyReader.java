package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.UUID;

/** Reads PDU body fields, checking before every read that the fragment holds them. */
final class BodyReader {
  private final ByteBuf in;

  BodyReader(ByteBuf in) {
    this.in = in;
  }

  void need(int n, String what) throws PduException {
    if (n < 0 || in.readableBytes() < n) {
      throw new PduException(
          what + " needs " + n + " bytes but " + in.readableBytes() + " remain in the fragment");
    }
  }

  int u8(String what) throws PduException {
    need(1, what);
    return in.readUnsignedByte();
  }

  int u16(String what) throws PduException {
    need(2, what);
    return in.readUnsignedShortLE();
  }

  int u32(String what) throws PduException {
    need(4, what);
    return in.readIntLE();
  }

  UUID uuid(String what) throws PduException {
    need(WireUuid.LENGTH, what);
    return WireUuid.read(in);
  }

  SyntaxId syntax(String what) throws PduException {
    need(SyntaxId.LENGTH, what);
    return SyntaxId.read(in);
  }

  byte[] bytes(int n, String what) throws PduException {
    need(n, what);
    byte[] b = new byte[n];
    in.readBytes(b);
    return b;
  }

  void skip(int n, String what) throws PduException {
    need(n, what);
    in.skipBytes(n);
  }

  /** Skips to a multiple of {@code alignment} counted from {@code origin}. */
  void align(int origin, int alignment, String what) throws PduException {
    int pos = in.readerIndex() - origin;
    skip((alignment - pos % alignment) % alignment, what);
  }

  /** All remaining bytes. */
  Octets rest() {
    byte[] b = new byte[in.readableBytes()];
    in.readBytes(b);
    return Octets.wrap(b);
  }

  int remaining() {
    return in.readableBytes();
  }
}
