package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2DecodeException;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 3.3.5.2.7 splits a message into its compound requests by NextCommand and resolves the
 * SessionId and TreeId of related requests (3.3.5.2.7.2). NextCommand must be a multiple of 8 (else
 * the connection is dropped, as 3.3.5.2.7 says), at least a header long and leave room for a whole
 * header (else the request is answered STATUS_INVALID_PARAMETER and the rest of the message
 * ignored); moving strictly forward this way, a chain cannot loop. A first request marked related
 * is rejected with STATUS_INVALID_PARAMETER. An unreadable first header closes the connection.
 */
final class CompoundSplitter extends ChannelInboundHandlerAdapter {
  /** The most requests one message may carry. */
  static final int MAX_CHAIN = 128;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof InboundFrame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    InboundFrame frame = (InboundFrame) msg;
    ByteBuf buf = frame.message();
    RequestChain chain;
    try {
      chain = new RequestChain(buf, split(buf), frame.decryptedBy());
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
    ctx.fireChannelRead(chain);
  }

  static List<RequestElement> split(ByteBuf buf) {
    List<RequestElement> out = new ArrayList<>();
    int at = buf.readerIndex();
    int end = buf.writerIndex();
    long prevSession = 0;
    int prevTree = 0;
    while (true) {
      int remaining = end - at;
      Smb2Header h;
      try {
        h = Smb2Header.decode(buf.slice(at, remaining));
      } catch (Smb2DecodeException e) {
        throw new Smb2ConnectionException("bad SMB2 header in a request: " + e.getMessage());
      }
      int next = h.nextCommand();
      boolean bad = false;
      int length = remaining;
      if (next != 0) {
        if ((next & 7) != 0) {
          throw new Smb2ConnectionException("NextCommand " + next + " not 8-byte aligned");
        }
        if (next < Smb2Header.LENGTH || next > remaining - Smb2Header.LENGTH) {
          bad = true;
        } else {
          length = next;
        }
      }
      long session = h.isRelated() ? prevSession : h.sessionId();
      int tree = h.isRelated() ? prevTree : h.treeId();
      RequestElement e = new RequestElement(h, buf.slice(at, length), session, tree);
      if (bad || h.isResponse() || (out.isEmpty() && h.isRelated())) {
        e.reject(NtStatus.INVALID_PARAMETER);
      }
      out.add(e);
      if (next == 0 || bad) {
        return out;
      }
      if (out.size() >= MAX_CHAIN) {
        throw new Smb2ConnectionException("more than " + MAX_CHAIN + " requests in one message");
      }
      prevSession = session;
      prevTree = tree;
      at += length;
    }
  }
}
