package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Optional;

/**
 * [MS-RPCE] 2.2.2.13 the verification trailer a client may append to a request's stub data (after
 * the NDR data, 4-aligned): the 8-octet signature, then commands (SEC_VT_COMMAND_BITMASK_1,
 * SEC_VT_COMMAND_PCONTEXT, SEC_VT_COMMAND_HEADER2), the last flagged SEC_VT_COMMAND_END. The server
 * compares them with what it negotiated and received (3.3.3.2.2.1).
 *
 * @param bitmask1 the BITMASK_1 value, or -1 when absent
 * @param abstractSyntax PCONTEXT's interface, or null when absent
 * @param transferSyntax PCONTEXT's transfer syntax, or null when absent
 * @param header2 HEADER2 as {ptype, drep0..3, call_id, context_id, opnum}, or null when absent
 * @param offset where the trailer (its signature) starts in the stub
 */
public record VerificationTrailer(
    long bitmask1, SyntaxId abstractSyntax, SyntaxId transferSyntax, Header2 header2, int offset) {
  /** The trailer's signature. */
  static final byte[] SIGNATURE = {
    (byte) 0x8a, (byte) 0xe3, 0x13, 0x71, 0x02, (byte) 0xf4, 0x36, 0x71
  };

  /** BITMASK_1 bit: the client supports header signing. */
  public static final int CLIENT_SUPPORT_HEADER_SIGNING = 0x1;

  static final int BITMASK_1 = 1;
  static final int PCONTEXT = 2;
  static final int HEADER2 = 3;
  static final int COMMAND_END = 0x4000;
  static final int MUST_PROCESS = 0x8000;

  /** How far from the end of the stub a trailer is looked for. */
  static final int MAX_SIZE = 1024;

  /**
   * HEADER2: the request's header fields the client protects.
   *
   * @param ptype PTYPE
   * @param drep the four drep octets, little-endian in an int
   * @param callId call_id
   * @param contextId p_cont_id
   * @param opnum opnum
   */
  public record Header2(int ptype, int drep, int callId, int contextId, int opnum) {}

  /**
   * The trailer at the end of {@code stub}, if its signature is there (at a 4-aligned offset in the
   * last {@value #MAX_SIZE} octets).
   *
   * @throws PduException when a signature is there but the commands are malformed, or a
   *     must-process command is unknown
   */
  public static Optional<VerificationTrailer> find(byte[] stub) throws PduException {
    int start = (Math.max(0, stub.length - MAX_SIZE) + 3) & ~3;
    for (int at = start; at + SIGNATURE.length <= stub.length; at += 4) {
      if (matches(stub, at)) {
        return Optional.of(parse(stub, at));
      }
    }
    return Optional.empty();
  }

  private static boolean matches(byte[] b, int at) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (b[at + i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static VerificationTrailer parse(byte[] stub, int offset) throws PduException {
    ByteBuf in = Unpooled.wrappedBuffer(stub, offset + 8, stub.length - offset - 8);
    long bitmask = -1;
    SyntaxId abs = null;
    SyntaxId transfer = null;
    Header2 h2 = null;
    while (true) {
      if (in.readableBytes() < 4) {
        throw malformed("verification trailer without SEC_VT_COMMAND_END");
      }
      int command = in.readUnsignedShortLE();
      int length = in.readUnsignedShortLE();
      if (in.readableBytes() < length) {
        throw malformed("verification trailer command longer than the stub");
      }
      ByteBuf data = in.readSlice(length);
      switch (command & 0x3fff) {
        case BITMASK_1:
          check(length == 4, "BITMASK_1 of " + length + " octets");
          bitmask = data.readUnsignedIntLE();
          break;
        case PCONTEXT:
          check(length == 2 * SyntaxId.LENGTH, "PCONTEXT of " + length + " octets");
          abs = SyntaxId.read(data);
          transfer = SyntaxId.read(data);
          break;
        case HEADER2:
          check(length == 16, "HEADER2 of " + length + " octets");
          int ptype = data.readUnsignedByte();
          data.skipBytes(3);
          int drep = data.readIntLE();
          int callId = data.readIntLE();
          int contextId = data.readUnsignedShortLE();
          int opnum = data.readUnsignedShortLE();
          h2 = new Header2(ptype, drep, callId, contextId, opnum);
          break;
        default:
          check((command & MUST_PROCESS) == 0, "unknown must-process command " + command);
      }
      if ((command & COMMAND_END) != 0) {
        return new VerificationTrailer(bitmask, abs, transfer, h2, offset);
      }
    }
  }

  private static void check(boolean ok, String why) throws PduException {
    if (!ok) {
      throw malformed(why);
    }
  }

  private static PduException malformed(String why) {
    return new PduException(why, PacketType.REQUEST.code(), -1, PduException.MALFORMED);
  }
}
