package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb1NegotiateRequest;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2EchoRequest;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Direct TCP framing and the SMB1 negotiate, on the whole pipeline. */
class FramingTest {
  @Test
  void nonZeroFirstByteClosesTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      s.sendRaw(new byte[] {(byte) 0x81, 0, 0, 4, 1, 2, 3, 4});
      assertNull(s.receive());
      assertFalse(s.channel.isOpen());
    }
  }

  @Test
  void frameAboveTheLimitClosesTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      s.sendRaw(new byte[] {0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0});
      assertNull(s.receive());
    }
  }

  @Test
  void emptyFrameClosesTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      s.sendRaw(new byte[] {0, 0, 0, 0});
      assertNull(s.receive());
    }
  }

  @Test
  void unknownProtocolIdClosesTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      byte[] junk = new byte[80];
      junk[0] = 'X';
      s.send(junk);
      assertNull(s.receive());
    }
  }

  @Test
  void frameSplitAcrossWritesAndTwoFramesInOneWrite() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      byte[] neg =
          Smb2TestClient.request(
              Smb2Command.NEGOTIATE,
              0,
              0,
              0,
              0,
              0,
              b ->
                  new io.cephsmb.gateway.mssmb2.Smb2NegotiateRequest(
                          List.of(0x0210), 1, 0, new byte[16], List.of())
                      .encode(b));
      byte[] framed = frame(neg);
      s.sendRaw(Arrays.copyOfRange(framed, 0, 3));
      assertTrue(s.quiet());
      s.sendRaw(Arrays.copyOfRange(framed, 3, framed.length));
      assertEquals(NtStatus.SUCCESS, Smb2TestClient.split(s.receive()).get(0).status());
      byte[] e1 = Smb2TestClient.request(Smb2Command.ECHO, 1, 0, 0, 0, 1, echo());
      byte[] e2 = Smb2TestClient.request(Smb2Command.ECHO, 2, 0, 0, 0, 1, echo());
      byte[] both = new byte[framed(e1) + framed(e2)];
      System.arraycopy(frame(e1), 0, both, 0, framed(e1));
      System.arraycopy(frame(e2), 0, both, framed(e1), framed(e2));
      s.sendRaw(both);
      assertEquals(1, Smb2TestClient.split(s.receive()).get(0).header().messageId());
      assertEquals(2, Smb2TestClient.split(s.receive()).get(0).header().messageId());
    }
  }

  @Test
  void smb1NegotiateWithWildcardIsAnsweredWith02ff() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      s.send(smb1("NT LM 0.12", "SMB 2.002", "SMB 2.???"));
      Smb2TestClient.Reply r = Smb2TestClient.split(s.receive()).get(0);
      assertEquals(NtStatus.SUCCESS, r.status());
      assertEquals(0, r.header().messageId());
      Smb2NegotiateResponse n = Smb2NegotiateResponse.decode(Unpooled.wrappedBuffer(r.message()));
      assertEquals(0x02FF, n.dialectRevision());
      Smb2TestClient c = new Smb2TestClient(s);
      c.nextMessageId = 1;
      Smb2TestClient.Reply r2 = c.negotiate(1);
      assertEquals(NtStatus.SUCCESS, r2.status());
      assertEquals(
          0x0210,
          Smb2NegotiateResponse.decode(Unpooled.wrappedBuffer(r2.message())).dialectRevision());
    }
  }

  @Test
  void smb1NegotiateWithOnly2002SelectsIt() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      s.send(smb1("NT LM 0.12", "SMB 2.002"));
      Smb2TestClient.Reply r = Smb2TestClient.split(s.receive()).get(0);
      Smb2NegotiateResponse n = Smb2NegotiateResponse.decode(Unpooled.wrappedBuffer(r.message()));
      assertEquals(0x0202, n.dialectRevision());
      assertEquals(65536, n.maxReadSize());
      // The dialect is settled: ECHO works, another NEGOTIATE drops the connection.
      assertEquals(
          NtStatus.SUCCESS,
          new Smb2TestClient(s)
              .call(Smb2TestClient.request(Smb2Command.ECHO, 1, 0, 0, 0, 0, echo()))
              .status());
    }
  }

  @Test
  void smb1WithoutSmb2DialectsOrAfterNegotiateCloses() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      s.send(smb1("NT LM 0.12"));
      assertNull(s.receive());
    }
    try (EmbeddedServer s = new EmbeddedServer()) {
      s.send(smb1("SMB 2.???"));
      s.receive();
      s.send(smb1("SMB 2.???"));
      assertNull(s.receive());
    }
  }

  static java.util.function.Consumer<ByteBuf> echo() {
    return new Smb2EchoRequest()::encode;
  }

  static byte[] smb1(String... dialects) {
    ByteBuf b = Unpooled.buffer();
    new Smb1NegotiateRequest(List.of(dialects)).encode(b);
    byte[] out = ByteBufUtil.getBytes(b);
    b.release();
    return out;
  }

  static byte[] frame(byte[] message) {
    byte[] out = new byte[4 + message.length];
    out[1] = (byte) (message.length >>> 16);
    out[2] = (byte) (message.length >>> 8);
    out[3] = (byte) message.length;
    System.arraycopy(message, 0, out, 4, message.length);
    return out;
  }

  private static int framed(byte[] message) {
    return 4 + message.length;
  }

  private static ResponseChain readLikeChain(ByteBuf payload) {
    Smb2Header h =
        new Smb2Header(
            0,
            NtStatus.SUCCESS.code(),
            Smb2Command.READ.code(),
            1,
            Smb2Header.FLAG_SERVER_TO_REDIR,
            0,
            7,
            0,
            0,
            0,
            new byte[16]);
    return new ResponseChain(
        List.of(new ResponseChain.Element(h, new byte[16], null, null, payload)), null, false);
  }

  @Test
  void aReadPayloadIsReleasedOnceSent() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      ByteBuf payload = Unpooled.directBuffer(4096).writeZero(4096);
      Outbound.write(s.channel, readLikeChain(payload));
      ByteBuf sent = s.channel.readOutbound();
      assertEquals(4 + 64 + 16 + 4096, sent.readableBytes());
      sent.release();
      assertEquals(0, payload.refCnt(), "the payload is given back after the socket took it");
    }
  }

  @Test
  void aReadPayloadIsReleasedWhenTheConnectionClosedFirst() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      s.channel.close().syncUninterruptibly();
      ByteBuf payload = Unpooled.directBuffer(4096).writeZero(4096);
      Outbound.write(s.channel, readLikeChain(payload));
      s.channel.runPendingTasks();
      assertEquals(0, payload.refCnt(), "a response that can no longer be sent leaks nothing");
    }
  }
}
