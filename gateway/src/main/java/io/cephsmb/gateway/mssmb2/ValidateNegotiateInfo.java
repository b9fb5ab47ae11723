package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** [MS-SMB2] FSCTL_VALIDATE_NEGOTIATE_INFO input (2.2.31.4) and output (2.2.32.6). */
public final class ValidateNegotiateInfo {
  private ValidateNegotiateInfo() {}

  /**
   * [MS-SMB2] 2.2.31.4 VALIDATE_NEGOTIATE_INFO Request: what the client sent in its NEGOTIATE.
   *
   * @param capabilities Capabilities
   * @param guid Guid (the ClientGuid)
   * @param securityMode SecurityMode
   * @param dialects Dialects
   */
  public record Request(int capabilities, byte[] guid, int securityMode, List<Integer> dialects) {
    /** Copies. */
    public Request {
      guid = guid.clone();
      dialects = List.copyOf(dialects);
    }

    @Override
    public byte[] guid() {
      return guid.clone();
    }

    /** Reads the IOCTL input buffer {@code in} (exactly the structure). */
    public static Request decode(ByteBuf in) {
      int i = in.readerIndex();
      int len = in.readableBytes();
      if (len < 24) {
        throw new Smb2DecodeException("VALIDATE_NEGOTIATE_INFO input too short");
      }
      int count = in.getUnsignedShortLE(i + 22);
      if (24 + 2L * count > len) {
        throw new Smb2DecodeException("VALIDATE_NEGOTIATE_INFO DialectCount exceeds the input");
      }
      byte[] guid = new byte[16];
      in.getBytes(i + 4, guid);
      List<Integer> dialects = new ArrayList<>(count);
      for (int n = 0; n < count; n++) {
        dialects.add(in.getUnsignedShortLE(i + 24 + 2 * n));
      }
      return new Request(in.getIntLE(i), guid, in.getUnsignedShortLE(i + 20), dialects);
    }

    /** Writes the structure. */
    public void encode(ByteBuf out) {
      out.writeIntLE(capabilities);
      out.writeBytes(guid);
      out.writeShortLE(securityMode);
      out.writeShortLE(dialects.size());
      dialects.forEach(out::writeShortLE);
    }
  }

  /**
   * [MS-SMB2] 2.2.32.6 VALIDATE_NEGOTIATE_INFO Response: what the server answered.
   *
   * @param capabilities Capabilities
   * @param guid Guid (the ServerGuid)
   * @param securityMode SecurityMode
   * @param dialect Dialect
   */
  public record Response(int capabilities, byte[] guid, int securityMode, int dialect) {
    /** The length on the wire. */
    public static final int LENGTH = 24;

    /** Copies. */
    public Response {
      guid = guid.clone();
    }

    @Override
    public byte[] guid() {
      return guid.clone();
    }

    /** Reads the structure. */
    public static Response decode(ByteBuf in) {
      if (in.readableBytes() < LENGTH) {
        throw new Smb2DecodeException("VALIDATE_NEGOTIATE_INFO output too short");
      }
      int i = in.readerIndex();
      byte[] guid = new byte[16];
      in.getBytes(i + 4, guid);
      return new Response(
          in.getIntLE(i), guid, in.getUnsignedShortLE(i + 20), in.getUnsignedShortLE(i + 22));
    }

    /** Writes the structure. */
    public void encode(ByteBuf out) {
      out.writeIntLE(capabilities);
      out.writeBytes(guid);
      out.writeShortLE(securityMode);
      out.writeShortLE(dialect);
    }
  }
}
