package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.14.1 SMB2_FILEID: Persistent and Volatile, 8 bytes each. All ones means "the file
 * of the previous related compound operation" (3.3.5.2.7.2) or, for some IOCTLs, no file.
 *
 * @param persistent Persistent
 * @param volatileId Volatile
 */
public record Smb2FileId(long persistent, long volatileId) {
  /** The all-ones FileId. */
  public static final Smb2FileId ANY = new Smb2FileId(-1L, -1L);

  /** Whether this is the all-ones FileId. */
  public boolean isAny() {
    return persistent == -1L && volatileId == -1L;
  }

  /** Reads 16 bytes at an absolute index, already checked. */
  public static Smb2FileId read(ByteBuf m, int index) {
    return new Smb2FileId(m.getLongLE(index), m.getLongLE(index + 8));
  }

  /** Writes 16 bytes. */
  public void encode(ByteBuf out) {
    out.writeLongLE(persistent);
    out.writeLongLE(volatileId);
  }
}
