package io.cephsmb.gateway.pipe;

import io.cephsmb.dcerpc.np.PipePeek;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** The [MS-FSCC] structures a named-pipe open answers with, encoded little-endian. */
final class PipeInfo {
  /** [MS-FSCC] 2.4.41 FileStandardInformation class. */
  static final int FILE_STANDARD_INFORMATION = 5;

  /** [MS-FSCC] 2.4.33 FilePipeInformation class. */
  static final int FILE_PIPE_INFORMATION = 23;

  /** [MS-FSCC] 2.4.34 FilePipeLocalInformation class. */
  static final int FILE_PIPE_LOCAL_INFORMATION = 24;

  /** FILE_PIPE_MESSAGE_MODE / FILE_PIPE_MESSAGE_TYPE. */
  static final int MESSAGE = 1;

  /** FILE_PIPE_QUEUE_OPERATION: reads wait for data. */
  static final int QUEUE_OPERATION = 0;

  /** Inbound and outbound quota announced (the pipe holds more; Windows' default is 4096). */
  static final int QUOTA = 4096;

  /** FILE_PIPE_CONNECTED_STATE. */
  static final int CONNECTED = 3;

  /** FILE_PIPE_CLOSING_STATE: the other end is gone. */
  static final int CLOSING = 4;

  private PipeInfo() {}

  /**
   * [MS-FSCC] 2.4.41 FILE_STANDARD_INFORMATION of a pipe: AllocationSize the quotas, EndOfFile the
   * bytes available to read, one link, DeletePending set (a pipe has no name to keep, as NPFS
   * reports), not a directory.
   */
  static byte[] standard(int readDataAvailable) {
    ByteBuf b = Unpooled.buffer(24);
    b.writeLongLE(2L * QUOTA);
    b.writeLongLE(readDataAvailable);
    b.writeIntLE(1);
    b.writeByte(1);
    b.writeByte(0);
    b.writeShortLE(0);
    return ByteBufUtil.getBytes(b);
  }

  /** [MS-FSCC] 2.4.33 FILE_PIPE_INFORMATION: message read mode, queued (blocking) completion. */
  static byte[] pipe(int readMode, int completionMode) {
    ByteBuf b = Unpooled.buffer(8);
    b.writeIntLE(readMode);
    b.writeIntLE(completionMode);
    return ByteBufUtil.getBytes(b);
  }

  /**
   * [MS-FSCC] 2.4.34 FILE_PIPE_LOCAL_INFORMATION seen from the client's end: message type, full
   * duplex, unlimited instances, the quotas, the bytes to read, connected or closing.
   */
  static byte[] local(int currentInstances, int readDataAvailable, boolean connected) {
    ByteBuf b = Unpooled.buffer(40);
    b.writeIntLE(MESSAGE); // NamedPipeType
    b.writeIntLE(2); // NamedPipeConfiguration: FILE_PIPE_FULL_DUPLEX
    b.writeIntLE(-1); // MaximumInstances: unlimited
    b.writeIntLE(currentInstances);
    b.writeIntLE(QUOTA); // InboundQuota
    b.writeIntLE(readDataAvailable);
    b.writeIntLE(QUOTA); // OutboundQuota
    b.writeIntLE(QUOTA); // WriteQuotaAvailable
    b.writeIntLE(connected ? CONNECTED : CLOSING);
    b.writeIntLE(0); // NamedPipeEnd: FILE_PIPE_CLIENT_END
    return ByteBufUtil.getBytes(b);
  }

  /** [MS-FSCC] 2.3.48 FSCTL_PIPE_PEEK Reply: the fixed 16 bytes and the data that fits. */
  static byte[] peek(PipePeek p) {
    ByteBuf b = Unpooled.buffer(16 + p.data().length);
    b.writeIntLE(p.connected() ? CONNECTED : CLOSING);
    b.writeIntLE(p.readDataAvailable());
    b.writeIntLE(p.messages());
    b.writeIntLE(p.messageLength());
    b.writeBytes(p.data());
    return ByteBufUtil.getBytes(b);
  }

  /**
   * [MS-FSCC] 2.3.49 FSCTL_PIPE_WAIT Request: Timeout (8), NameLength (4), TimeoutSpecified (1),
   * Padding (1), Name (NameLength bytes of UTF-16LE, without {@code \pipe\}).
   *
   * @return the name, or null when the request is malformed (NameLength odd or past the input)
   */
  static String waitName(byte[] input) {
    if (input.length < 14) {
      return null;
    }
    ByteBuf b = Unpooled.wrappedBuffer(input);
    long nameLength = b.getUnsignedIntLE(8);
    if (nameLength % 2 != 0 || nameLength > input.length - 14) {
      return null;
    }
    return new String(input, 14, (int) nameLength, StandardCharsets.UTF_16LE);
  }
}
