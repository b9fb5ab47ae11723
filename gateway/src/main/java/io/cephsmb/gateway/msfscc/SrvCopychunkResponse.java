package io.cephsmb.gateway.msfscc;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.32.1 SRV_COPYCHUNK_RESPONSE: on success what was copied; with
 * STATUS_INVALID_PARAMETER for a request over the limits, the limits themselves (3.3.5.15.6).
 */
public record SrvCopychunkResponse(
    int chunksWritten, int chunkBytesWritten, int totalBytesWritten) {
  /** Its length. */
  public static final int LENGTH = 12;

  public void encode(ByteBuf out) {
    out.writeIntLE(chunksWritten);
    out.writeIntLE(chunkBytesWritten);
    out.writeIntLE(totalBytesWritten);
  }
}
