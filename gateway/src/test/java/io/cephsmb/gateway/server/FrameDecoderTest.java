package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 2.1 framing: frames split across reads, several per read, large ones, bad ones. */
class FrameDecoderTest {
  private static byte[] frame(int length, long seed) {
    byte[] f = new byte[4 + length];
    f[1] = (byte) (length >>> 16);
    f[2] = (byte) (length >>> 8);
    f[3] = (byte) length;
    byte[] body = new byte[length];
    new SplittableRandom(seed).nextBytes(body);
    System.arraycopy(body, 0, f, 4, length);
    return f;
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  private static void assertFrame(EmbeddedChannel ch, byte[] expected) {
    ByteBuf got = ch.readInbound();
    try {
      assertArrayEquals(
          java.util.Arrays.copyOfRange(expected, 4, expected.length), ByteBufUtil.getBytes(got));
    } finally {
      got.release();
    }
  }

  @Test
  void framesSplitAnywhereAndBatchedComeOutWhole() {
    byte[] small = frame(100, 1);
    byte[] large = frame(IoBuffers.LARGE * 3 + 5, 2);
    byte[] tiny = frame(1, 3);
    byte[] stream = concat(small, large, tiny, small);
    for (int chunk : new int[] {1, 3, 4, 7, 1000, 65536, stream.length}) {
      EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1 << 20));
      for (int at = 0; at < stream.length; at += chunk) {
        ch.writeInbound(Unpooled.copiedBuffer(stream, at, Math.min(chunk, stream.length - at)));
      }
      assertFrame(ch, small);
      assertFrame(ch, large);
      assertFrame(ch, tiny);
      assertFrame(ch, small);
      assertNull(ch.readInbound());
      assertFalse(ch.finish());
    }
  }

  @Test
  void largeFrameIsOneDirectBuffer() {
    byte[] large = frame(IoBuffers.LARGE + 1, 4);
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1 << 20));
    ch.writeInbound(Unpooled.copiedBuffer(large, 0, 1000));
    ch.writeInbound(Unpooled.copiedBuffer(large, 1000, large.length - 1000));
    ByteBuf got = ch.readInbound();
    assertTrue(got.isDirect());
    assertEquals(1, got.nioBufferCount());
    assertEquals(IoBuffers.LARGE + 1, got.readableBytes());
    got.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void partialFrameIsReleasedWhenTheConnectionCloses() {
    byte[] large = frame(IoBuffers.LARGE + 1, 5);
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1 << 20));
    ByteBuf part = Unpooled.copiedBuffer(large, 0, 5000);
    ch.writeInbound(part);
    assertEquals(0, part.refCnt());
    assertFalse(ch.finish());
  }

  @Test
  void badPrefixesCloseTheConnection() {
    EmbeddedChannel notDirectTcp = new EmbeddedChannel(new FrameDecoder(1 << 20));
    assertThrows(
        Smb2ConnectionException.class,
        () -> notDirectTcp.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 1, 0})));
    EmbeddedChannel empty = new EmbeddedChannel(new FrameDecoder(1 << 20));
    assertThrows(
        Smb2ConnectionException.class,
        () -> empty.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 0})));
    EmbeddedChannel tooLong = new EmbeddedChannel(new FrameDecoder(1000));
    assertThrows(
        Smb2ConnectionException.class,
        () -> tooLong.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 3, (byte) 0xe9})));
  }
}
