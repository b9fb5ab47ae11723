package io.cephsmb.dcerpc.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.mssrvs.ServerIdentity;
import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.dcerpc.mssrvs.Srvsvc;
import io.cephsmb.dcerpc.mssrvs.SrvsvcService;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PduException;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.RpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ncacn_ip_tcp pipeline on an EmbeddedChannel: framing, garbage, stalls, aborts. */
class PduFrameDecoderTest {
  final RpcServer server =
      new RpcServer(
          List.of(
              new SrvsvcService(
                      ShareInfoSource.of(List.of(ShareInfo.ipc("IPC"))),
                      ServerIdentity.of("S", "W", "c"))
                  .rpcInterface()),
          List.of());
  final EmbeddedChannel ch =
      new EmbeddedChannel(new PduFrameDecoder(65535), new RpcChannelHandler(server, "135"));

  Pdu next() throws PduException {
    ByteBuf out = ch.readOutbound();
    if (out == null) {
      return null;
    }
    try {
      return Pdu.decode(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(out)));
    } finally {
      out.release();
    }
  }

  void write(byte[]... parts) {
    for (byte[] p : parts) {
      ch.writeInbound(Unpooled.wrappedBuffer(p));
    }
  }

  @Test
  void aFrameSplitAnywhereIsReassembled() throws PduException {
    byte[] bind = Pdus.bind(1, Srvsvc.SYNTAX);
    for (int cut = 1; cut < bind.length; cut += 7) {
      EmbeddedChannel c =
          new EmbeddedChannel(new PduFrameDecoder(65535), new RpcChannelHandler(server, "135"));
      c.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bind, 0, cut)));
      assertNull(c.readOutbound(), "nothing before the frame is complete");
      c.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bind, cut, bind.length)));
      ByteBuf ack = c.readOutbound();
      assertInstanceOf(
          BindAckPdu.class, Pdu.decode(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(ack))));
      ack.release();
      c.finishAndReleaseAll();
    }
  }

  @Test
  void twoFramesInOneReadAreBothServed() throws PduException {
    byte[] bind = Pdus.bind(1, Srvsvc.SYNTAX);
    byte[] unknownOpnum = Pdus.request(2, 99, new byte[0]);
    byte[] both = new byte[bind.length + unknownOpnum.length];
    System.arraycopy(bind, 0, both, 0, bind.length);
    System.arraycopy(unknownOpnum, 0, both, bind.length, unknownOpnum.length);
    write(both);
    assertInstanceOf(BindAckPdu.class, next());
    FaultPdu f = assertInstanceOf(FaultPdu.class, next());
    assertEquals(RpcStatus.OP_RNG_ERROR, f.status());
    assertTrue(ch.isOpen(), "an unknown opnum does not end the connection");
  }

  @Test
  void garbageClosesTheConnection() {
    write("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertFalse(ch.isOpen());
  }

  @Test
  void aFragLengthShorterThanTheHeaderClosesTheConnection() {
    byte[] bind = Pdus.bind(1, Srvsvc.SYNTAX);
    bind[8] = 8;
    bind[9] = 0;
    write(bind);
    assertFalse(ch.isOpen());
  }

  @Test
  void aFragLengthAboveTheLimitClosesTheConnection() {
    EmbeddedChannel small =
        new EmbeddedChannel(new PduFrameDecoder(2048), new RpcChannelHandler(server, "135"));
    byte[] bind = Pdus.bind(1, Srvsvc.SYNTAX);
    bind[8] = 0;
    bind[9] = 0x10; // 4096
    small.writeInbound(Unpooled.wrappedBuffer(bind));
    assertFalse(small.isOpen());
  }

  @Test
  void aStalledFragmentIsDroppedWhenTheChannelGoesIdle() {
    byte[] bind = Pdus.bind(1, Srvsvc.SYNTAX);
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertTrue(ch.isOpen(), "an idle connection without a partial fragment stays");
    write(Arrays.copyOf(bind, 20));
    ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    assertFalse(ch.isOpen(), "a fragment that never completes ends the connection");
  }

  @Test
  void aProtocolErrorIsAnsweredThenTheConnectionIsClosed() throws PduException {
    write(Pdus.request(1, 15, new byte[0])); // a request before bind
    FaultPdu f = assertInstanceOf(FaultPdu.class, next());
    assertEquals(RpcStatus.PROTO_ERROR, f.status());
    assertFalse(ch.isOpen());
  }

  @Test
  void aRequestIsAnswered() throws PduException {
    write(Pdus.bind(1, Srvsvc.SYNTAX));
    assertInstanceOf(BindAckPdu.class, next());
    byte[] stub = Pdus.enumAll(1);
    write(Pdus.request(2, 15, stub));
    assertInstanceOf(ResponsePdu.class, next());
  }
}
