package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.2 SMB2 ERROR Response: StructureSize 9, ErrorContextCount, ByteCount and ErrorData
 * (one zero byte when empty). For 3.1.1 the ErrorData may be a list of 2.2.2.1 error contexts, each
 * 8-byte aligned.
 *
 * @param contexts the error contexts (3.1.1), empty for none
 * @param data the raw ErrorData when there are no contexts, empty for none
 */
public record Smb2ErrorResponse(List<ErrorContext> contexts, byte[] data) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 9;

  /** Copies the list and array. */
  public Smb2ErrorResponse {
    contexts = List.copyOf(contexts);
    data = data.clone();
    if (!contexts.isEmpty() && data.length > 0) {
      throw new IllegalArgumentException("either error contexts or raw data");
    }
  }

  /** The plain error body: no contexts, no data. */
  public static Smb2ErrorResponse empty() {
    return new Smb2ErrorResponse(List.of(), new byte[0]);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /**
   * [MS-SMB2] 2.2.2.1 SMB2 ERROR Context Response.
   *
   * @param errorId ErrorId (0 SMB2_ERROR_ID_DEFAULT, 0x72645253 share redirect)
   * @param data ErrorContextData
   */
  public record ErrorContext(int errorId, byte[] data) {
    /** Copies the data. */
    public ErrorContext {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** Reads an error response body. */
  public static Smb2ErrorResponse decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 8, "ERROR");
    int count = m.getUnsignedByte(body + 2);
    long byteCount = m.getUnsignedIntLE(body + 4);
    int data = Smb2Wire.buffer(m, Smb2Wire.HEADER + 8, byteCount, Smb2Wire.HEADER + 8, "ErrorData");
    if (count == 0) {
      return new Smb2ErrorResponse(List.of(), Smb2Wire.bytes(m, data, (int) byteCount));
    }
    List<ErrorContext> contexts = new ArrayList<>();
    int at = data;
    int end = data + (int) byteCount;
    for (int n = 0; n < count; n++) {
      at = data + ((at - data + 7) & ~7);
      if (end - at < 8) {
        throw new Smb2DecodeException("ERROR: error context outside ErrorData");
      }
      long len = m.getUnsignedIntLE(at);
      if (len > end - at - 8) {
        throw new Smb2DecodeException("ERROR: ErrorDataLength outside ErrorData");
      }
      contexts.add(new ErrorContext(m.getIntLE(at + 4), Smb2Wire.bytes(m, at + 8, (int) len)));
      at += 8 + (int) len;
    }
    return new Smb2ErrorResponse(contexts, new byte[0]);
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeByte(contexts.size());
    out.writeByte(0);
    int byteCountAt = out.writerIndex();
    out.writeIntLE(0);
    int start = out.writerIndex();
    if (contexts.isEmpty()) {
      out.writeBytes(data);
    } else {
      for (int i = 0; i < contexts.size(); i++) {
        Smb2Wire.pad8(out, start);
        ErrorContext c = contexts.get(i);
        out.writeIntLE(c.data.length);
        out.writeIntLE(c.errorId);
        out.writeBytes(c.data);
      }
    }
    int byteCount = out.writerIndex() - start;
    out.setIntLE(byteCountAt, byteCount);
    if (byteCount == 0) {
      out.writeByte(0);
    }
  }
}
