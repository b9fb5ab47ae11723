package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.31 SMB2 IOCTL Request.
 *
 * @param ctlCode CtlCode
 * @param fileId FileId
 * @param input the input buffer (InputOffset/InputCount)
 * @param maxInputResponse MaxInputResponse
 * @param output the output buffer the client sent (OutputOffset/OutputCount), usually empty
 * @param maxOutputResponse MaxOutputResponse
 * @param flags Flags (SMB2_0_IOCTL_IS_FSCTL 0x1)
 */
public record Smb2IoctlRequest(
    int ctlCode,
    Smb2FileId fileId,
    byte[] input,
    int maxInputResponse,
    byte[] output,
    int maxOutputResponse,
    int flags) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 57;

  /** SMB2_0_IOCTL_IS_FSCTL. */
  public static final int FLAG_IS_FSCTL = 0x00000001;

  /** FSCTL_VALIDATE_NEGOTIATE_INFO. */
  public static final int FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 56;

  /** Copies the buffers. */
  public Smb2IoctlRequest {
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

  /** Reads the request. */
  public static Smb2IoctlRequest decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 56, "IOCTL");
    long inOffset = m.getUnsignedIntLE(body + 24);
    long inCount = m.getUnsignedIntLE(body + 28);
    long outOffset = m.getUnsignedIntLE(body + 36);
    long outCount = m.getUnsignedIntLE(body + 40);
    int in = Smb2Wire.buffer(m, inOffset, inCount, BUFFER_OFFSET, "IOCTL input");
    int out = Smb2Wire.buffer(m, outOffset, outCount, BUFFER_OFFSET, "IOCTL output");
    return new Smb2IoctlRequest(
        m.getIntLE(body + 4),
        Smb2FileId.read(m, body + 8),
        Smb2Wire.bytes(m, in, (int) inCount),
        m.getIntLE(body + 32),
        Smb2Wire.bytes(m, out, (int) outCount),
        m.getIntLE(body + 44),
        m.getIntLE(body + 48));
  }

  /** Writes the body: the input buffer right after the fixed part, then the output buffer. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(0);
    out.writeIntLE(ctlCode);
    fileId.encode(out);
    out.writeIntLE(input.length == 0 ? 0 : BUFFER_OFFSET);
    out.writeIntLE(input.length);
    out.writeIntLE(maxInputResponse);
    out.writeIntLE(output.length == 0 ? 0 : BUFFER_OFFSET + input.length);
    out.writeIntLE(output.length);
    out.writeIntLE(maxOutputResponse);
    out.writeIntLE(flags);
    out.writeIntLE(0);
    out.writeBytes(input);
    out.writeBytes(output);
  }
}
