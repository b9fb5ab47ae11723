package io.cephsmb.gateway.msfscc;

import io.cephsmb.gateway.mssmb2.Smb2DecodeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.31.1 SRV_COPYCHUNK_COPY: the source's resume key and the chunks (2.2.31.1.1
 * SRV_COPYCHUNK) to copy into the file the IOCTL names.
 *
 * @param sourceKey the 24-byte resume key of the source open
 * @param chunks the chunks, in order
 */
public record SrvCopychunkCopy(byte[] sourceKey, List<Chunk> chunks) {
  /** Length of the fixed part. */
  public static final int HEADER = 32;

  /** Length of one SRV_COPYCHUNK. */
  public static final int CHUNK = 24;

  /** One chunk: SourceOffset, TargetOffset, Length (unsigned 32 bits, kept in a long). */
  public record Chunk(long sourceOffset, long targetOffset, long length) {}

  /** Copies the key. */
  public SrvCopychunkCopy {
    sourceKey = sourceKey.clone();
    chunks = List.copyOf(chunks);
  }

  @Override
  public byte[] sourceKey() {
    return sourceKey.clone();
  }

  /**
   * Decodes the IOCTL input; fewer bytes than the fixed part or than ChunkCount chunks is
   * STATUS_INVALID_PARAMETER ([MS-SMB2] 3.3.5.15.6). ChunkCount itself is not limited here: the
   * handler answers a count over the server's limit with the limits.
   */
  public static SrvCopychunkCopy decode(byte[] in, int maxChunks) {
    if (in.length < HEADER) {
      throw new Smb2DecodeException("SRV_COPYCHUNK_COPY of " + in.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
    byte[] key = new byte[24];
    b.get(key);
    long count = b.getInt(24) & 0xffffffffL;
    List<Chunk> chunks = new ArrayList<>();
    if (count > maxChunks) {
      return new SrvCopychunkCopy(key, tooMany(count));
    }
    if (in.length < HEADER + count * CHUNK) {
      throw new Smb2DecodeException("SRV_COPYCHUNK_COPY: " + count + " chunks do not fit");
    }
    for (int i = 0; i < count; i++) {
      int at = HEADER + i * CHUNK;
      chunks.add(new Chunk(b.getLong(at), b.getLong(at + 8), b.getInt(at + 16) & 0xffffffffL));
    }
    return new SrvCopychunkCopy(key, chunks);
  }

  /** A placeholder list whose size says "more than allowed" without holding the chunks. */
  private static List<Chunk> tooMany(long count) {
    List<Chunk> l = new ArrayList<>();
    l.add(new Chunk(-1, -1, count));
    return l;
  }

  /** Whether the request named more chunks than the decoder was allowed to read. */
  public boolean overCount() {
    return chunks.size() == 1 && chunks.get(0).sourceOffset() == -1;
  }
}
