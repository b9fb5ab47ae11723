package io.cephsmb.gateway.msfscc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2DecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FSCTL payloads: layouts from [MS-SMB2] 2.2.31/2.2.32 and [MS-FSCC] 2.3. */
class FsctlStructuresTest {
  private static byte[] copy(int count, int chunksPresent) {
    ByteBuffer b = ByteBuffer.allocate(32 + 24 * chunksPresent).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 24; i++) {
      b.put((byte) i);
    }
    b.putInt(count).putInt(0);
    for (int i = 0; i < chunksPresent; i++) {
      b.putLong(i * 100L).putLong(i * 200L).putInt(4096 + i).putInt(0);
    }
    return b.array();
  }

  @Test
  void copychunkCopyDecodesAndChecks() {
    SrvCopychunkCopy c = SrvCopychunkCopy.decode(copy(2, 2), 256);
    assertEquals(2, c.chunks().size());
    assertEquals(new SrvCopychunkCopy.Chunk(100, 200, 4097), c.chunks().get(1));
    assertEquals(23, c.sourceKey()[23]);
    assertFalse(c.overCount());
    assertTrue(SrvCopychunkCopy.decode(copy(257, 0), 256).overCount());
    Smb2DecodeException e =
        assertThrows(Smb2DecodeException.class, () -> SrvCopychunkCopy.decode(copy(3, 2), 256));
    assertEquals(NtStatus.INVALID_PARAMETER, e.status());
    assertThrows(Smb2DecodeException.class, () -> SrvCopychunkCopy.decode(new byte[31], 256));
    // a length with the top bit set is unsigned, not negative
    byte[] big = copy(1, 1);
    ByteBuffer.wrap(big).order(ByteOrder.LITTLE_ENDIAN).putInt(32 + 16, -1);
    assertEquals(0xffffffffL, SrvCopychunkCopy.decode(big, 256).chunks().get(0).length());
  }

  @Test
  void copychunkResponseIsTwelveBytes() {
    ByteBuf b = Unpooled.buffer();
    new SrvCopychunkResponse(256, 1 << 20, 16 << 20).encode(b);
    assertEquals("000100000000100000000001", ByteBufUtil.hexDump(b));
  }

  @Test
  void networkInterfaceEntriesAre152BytesAndChained() throws Exception {
    ByteBuf b = Unpooled.buffer();
    NetworkInterfaceInfo.encode(
        List.of(
            new NetworkInterfaceInfo(2, 0, 10_000_000_000L, InetAddress.getByName("10.1.2.3")),
            new NetworkInterfaceInfo(3, 1, 1_000_000_000L, InetAddress.getByName("fe80::1"))),
        b);
    assertEquals(2 * 152, b.readableBytes());
    assertEquals(152, b.getIntLE(0)); // Next
    assertEquals(2, b.getIntLE(4)); // IfIndex
    assertEquals(10_000_000_000L, b.getLongLE(16));
    assertEquals(0x2, b.getShortLE(24)); // AF_INET
    byte[] v4 = new byte[4];
    b.getBytes(28, v4);
    assertArrayEquals(new byte[] {10, 1, 2, 3}, v4);
    assertEquals(0, b.getIntLE(152)); // last
    assertEquals(0x17, b.getShortLE(152 + 24)); // AF_INET6
    assertEquals((byte) 0xfe, b.getByte(152 + 32));
  }

  @Test
  void allocatedRangeNeedsSixteenBytes() {
    byte[] in = new byte[16];
    ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).putLong(4096).putLong(1024);
    assertEquals(new FileAllocatedRange(4096, 1024), FileAllocatedRange.decode(in));
    assertThrows(Smb2DecodeException.class, () -> FileAllocatedRange.decode(new byte[15]));
  }
}
