package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.32 SMB2 IOCTL Response.
 *
 * @param ctlCode CtlCode
 * @param fileId FileId
 * @param input the input buffer echoed back (usually empty)
 * @param output the output buffer
 * @param flags Flags (0)
 */
public record Smb2IoctlResponse(
    int ctlCode, Smb2FileId fileId, byte[] input, byte[] output, int flags) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 49;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 48;

  /** Copies the buffers. */
  public Smb2IoctlResponse {
    input = input.clone();
    output = output.clone();
  }

  @Override
  public byte[] input() {
    return input.clone();
  }

  @Override
  public byte[] output() {
    return output.clone();
  }

  /** Reads the response. */
  public static Smb2IoctlResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 48, "IOCTL response");
    long inOffset = m.getUnsignedIntLE(body + 24);
    long inCount = m.getUnsignedIntLE(body + 28);
    long outOffset = m.getUnsignedIntLE(body + 32);
    long outCount = m.getUnsignedIntLE(body + 36);
    int in = Smb2Wire.buffer(m, inOffset, inCount, BUFFER_OFFSET, "IOCTL input");
    int out = Smb2Wire.buffer(m, outOffset, outCount, BUFFER_OFFSET, "IOCTL output");
    return new Smb2IoctlResponse(
        m.getIntLE(body + 4),
        Smb2FileId.read(m, body + 8),
        Smb2Wire.bytes(m, in, (int) inCount),
        Smb2Wire.bytes(m, out, (int) outCount),
        m.getIntLE(body + 40));
  }

  /** Writes the body; the output buffer starts 8-byte aligned after the input buffer. */
  public void encode(ByteBuf out) {
    int inLen = input.length;
    int outOffset = BUFFER_OFFSET + ((inLen + 7) & ~7);
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(0);
    out.writeIntLE(ctlCode);
    fileId.encode(out);
    out.writeIntLE(BUFFER_OFFSET);
    out.writeIntLE(inLen);
    out.writeIntLE(output.length == 0 ? 0 : outOffset);
    out.writeIntLE(output.length);
    out.writeIntLE(flags);
    out.writeIntLE(0);
    out.writeBytes(input);
    if (output.length > 0) {
      out.writeZero(((inLen + 7) & ~7) - inLen);
      out.writeBytes(output);
    }
  }
}
