package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;

/**
 * [C706] 12.6.3.1 the 16-octet common header of every connection-oriented PDU: rpc_vers 5,
 * rpc_vers_minor 0 or 1, PTYPE, pfc_flags, packed_drep, frag_length, auth_length, call_id.
 *
 * <p>This server reads and writes only the data representation little-endian integers, ASCII
 * characters, IEEE floats ({@code 10 00 00 00}); any other drep is rejected in {@link #decode}.
 */
public record PduHeader(
    int minorVersion, int ptype, int flags, int fragLength, int authLength, int callId) {
  /** Encoded length. */
  public static final int LENGTH = 16;

  /** [C706] 12.6.3.1 rpc_vers. */
  public static final int RPC_VERS = 5;

  /** packed_drep[0] for little-endian integers and ASCII characters. */
  public static final int DREP_LITTLE_ENDIAN_ASCII = 0x10;

  /** The largest PDU the 16-bit frag_length can describe. */
  public static final int MAX_FRAG_LENGTH = 0xffff;

  /**
   * The frag_length of the PDU starting at the reader index, read in the sender's own integer order
   * (so a transport can frame even a PDU it will reject), or -1 if fewer than 10 bytes are there.
   */
  public static int peekFragLength(ByteBuf in) {
    if (in.readableBytes() < 10) {
      return -1;
    }
    int at = in.readerIndex();
    boolean littleEndian = (in.getUnsignedByte(at + 4) & 0xf0) == DREP_LITTLE_ENDIAN_ASCII;
    return littleEndian ? in.getUnsignedShortLE(at + 8) : in.getUnsignedShort(at + 8);
  }

  /**
   * Reads and checks the header of a PDU that occupies exactly the readable bytes of {@code in}.
   */
  public static PduHeader decode(ByteBuf in) throws PduException {
    int available = in.readableBytes();
    if (available < LENGTH) {
      throw new PduException("PDU shorter than its header: " + available);
    }
    int at = in.readerIndex();
    int ptype = in.getUnsignedByte(at + 2);
    int drep0 = in.getUnsignedByte(at + 4);
    boolean littleEndian = (drep0 & 0xf0) == DREP_LITTLE_ENDIAN_ASCII;
    int callId = littleEndian ? in.getIntLE(at + 12) : in.getInt(at + 12);
    int vers = in.getUnsignedByte(at);
    int minor = in.getUnsignedByte(at + 1);
    if (vers != RPC_VERS || minor > 1) {
      throw new PduException(
          "unsupported RPC version " + vers + "." + minor, ptype, callId, PduException.VERSION);
    }
    if (!littleEndian || (drep0 & 0x0f) != 0 || in.getUnsignedByte(at + 5) != 0) {
      throw new PduException(
          String.format("unsupported data representation %02x %02x", drep0, in.getByte(at + 5)),
          ptype,
          callId,
          PduException.DATA_REPRESENTATION);
    }
    in.skipBytes(4);
    in.skipBytes(4); // packed_drep
    int fragLength = in.readUnsignedShortLE();
    int authLength = in.readUnsignedShortLE();
    in.skipBytes(4);
    PduHeader header =
        new PduHeader(minor, ptype, in.getUnsignedByte(at + 3), fragLength, authLength, callId);
    if (fragLength != available) {
      throw new PduException(
          "frag_length " + fragLength + " but the PDU has " + available + " bytes", ptype, callId);
    }
    if (authLength > 0 && authLength + AuthVerifier.TRAILER_LENGTH > fragLength - LENGTH) {
      throw new PduException(
          "auth_length " + authLength + " does not fit frag_length " + fragLength, ptype, callId);
    }
    return header;
  }

  /** The PDU type, or null for a PTYPE this server does not know. */
  public PacketType type() {
    return PacketType.fromCode(ptype);
  }

  /** True if every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (flags & flag) == flag;
  }

  /** Writes a header; frag_length and auth_length are patched by {@link #patchLengths}. */
  static void write(ByteBuf out, PacketType type, int flags, int callId) {
    out.writeByte(RPC_VERS);
    out.writeByte(0);
    out.writeByte(type.code());
    out.writeByte(flags);
    out.writeByte(DREP_LITTLE_ENDIAN_ASCII);
    out.writeByte(0);
    out.writeByte(0);
    out.writeByte(0);
    out.writeShortLE(0);
    out.writeShortLE(0);
    out.writeIntLE(callId);
  }

  /** Sets frag_length and auth_length of the PDU written from {@code start}. */
  static void patchLengths(ByteBuf out, int start, int authLength) {
    int fragLength = out.writerIndex() - start;
    if (fragLength > MAX_FRAG_LENGTH) {
      throw new IllegalArgumentException("PDU too long for frag_length: " + fragLength);
    }
    out.setShortLE(start + 8, fragLength);
    out.setShortLE(start + 10, authLength);
  }
}
