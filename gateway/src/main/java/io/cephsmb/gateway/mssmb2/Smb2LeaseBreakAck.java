package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;

/**
 * [MS-SMB2] 2.2.24.2 Lease Break Acknowledgment and 2.2.25.2 Lease Break Response: one 36-byte
 * layout for both.
 *
 * @param flags Flags (must be 0)
 * @param leaseKey LeaseKey (16 bytes)
 * @param leaseState LeaseState
 */
public record Smb2LeaseBreakAck(int flags, byte[] leaseKey, int leaseState) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 36;

  /** Copies the key. */
  public Smb2LeaseBreakAck {
    if (leaseKey.length != 16) {
      throw new IllegalArgumentException("LeaseKey of " + leaseKey.length + " bytes");
    }
    leaseKey = leaseKey.clone();
  }

  @Override
  public byte[] leaseKey() {
    return leaseKey.clone();
  }

  /** Reads an acknowledgment. */
  public static Smb2LeaseBreakAck decode(ByteBuf m) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 36, "LEASE_BREAK");
    return new Smb2LeaseBreakAck(
        (int) m.getUnsignedIntLE(body + 4),
        Smb2Wire.bytes(m, body + 8, 16),
        (int) m.getUnsignedIntLE(body + 24));
  }

  /** Writes the body; LeaseDuration is 0. */
  public void encode(ByteBuf out) {
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(0);
    out.writeIntLE(flags);
    out.writeBytes(leaseKey);
    out.writeIntLE(leaseState);
    out.writeLongLE(0);
  }
}
