package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Signer;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2DecodeException;
import io.cephsmb.gateway.mssmb2.Smb2ErrorResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one {@link RequestChain} in order ([MS-SMB2] 3.3.5.2.7): the checks of {@link
 * Admission}, the handler, the response header (credits, ids, async form), the signer, and the
 * assembly of the responses into one compound. A request still running after the interim delay (or
 * whose handler calls {@link RequestContext#goAsync}) gets an interim STATUS_PENDING response with
 * an AsyncId when it is the last of its chain (3.3.4.2); earlier ones are waited for. Runs on the
 * event loop.
 */
final class ChainRun {
  private static final Logger LOG = LoggerFactory.getLogger(ChainRun.class);

  private final ChannelHandlerContext ctx;
  private final SmbConnection connection;
  private final RequestChain chain;
  private final List<ResponseChain.Element> out = new ArrayList<>();
  private int index;
  private NtStatus createError = NtStatus.SUCCESS;
  private boolean sessionLost;
  private Smb2FileId prevFileId;
  private long prevSessionId;
  private int prevTreeId;
  private boolean disconnect;

  ChainRun(ChannelHandlerContext ctx, SmbConnection connection, RequestChain chain) {
    this.ctx = ctx;
    this.connection = connection;
    this.chain = chain;
  }

  /** Starts processing; returns once the chain is done or waits for a handler. */
  void run() {
    List<RequestElement> elements = chain.elements();
    while (index < elements.size() && !disconnect) {
      if (!runElement(elements.get(index))) {
        return; // continues from the handler's completion
      }
      index++;
    }
    finish();
  }

  /** Runs one request; false when its handler has not finished yet. */
  private boolean runElement(RequestElement e) {
    if (index > 0 && e.header().isRelated()) {
      e.inherit(prevSessionId, prevTreeId);
    }
    if (!chain.encrypted() && !e.signatureChecked()) {
      SignatureVerifier.check(connection, e); // its session may have become valid in this chain
    }
    prevSessionId = e.sessionId();
    prevTreeId = e.treeId();
    Admission a = Admission.check(connection, chain, e, index, createError, sessionLost);
    sessionLost =
        a.response() != null
            && a.session() == null
            && (e.command() == null || e.command().needsSession());
    if (a.response() != null) {
      complete(e, null, a.session(), a.response(), null);
      return true;
    }
    PendingRequest p = new PendingRequest(e.header().messageId(), e.sessionId());
    boolean last = index == chain.elements().size() - 1;
    RequestContext rc =
        new RequestContext(
            connection,
            e,
            ctx.executor(),
            chain.encrypted(),
            a.session(),
            a.tree(),
            prevFileId,
            p,
            () -> goAsync(e, a.session(), p, last));
    boolean track = e.command() != Smb2Command.CANCEL; // a CANCEL shares its target's MessageId
    if (track) {
      connection.addPending(p);
    }
    CompletableFuture<Response> f;
    try {
      f = a.handler().handle(rc);
    } catch (RuntimeException ex) {
      f = CompletableFuture.failedFuture(ex);
    }
    var unused = f.whenComplete((r, ex) -> p.result().complete(r != null ? r : failure(e, ex)));
    if (p.result().isDone()) {
      if (track) {
        connection.removePending(p);
      }
      complete(e, rc, a.session(), p.result().join(), p);
      return true;
    }
    ScheduledFuture<?> timer =
        last
            ? ctx.executor()
                .schedule(
                    () -> goAsync(e, a.session(), p, true),
                    connection.server().config().interimDelay().toMillis(),
                    TimeUnit.MILLISECONDS)
            : null;
    var unusedToo =
        p.result()
            .whenComplete(
                (r, ex) ->
                    ctx.executor()
                        .execute(
                            () -> {
                              if (timer != null) {
                                timer.cancel(false);
                              }
                              if (track) {
                                connection.removePending(p);
                              }
                              complete(e, rc, a.session(), r, p);
                              index++;
                              run();
                            }));
    return false;
  }

  /** Sends the interim response for the last request of the chain ([MS-SMB2] 3.3.4.2). */
  private void goAsync(RequestElement e, SmbSession session, PendingRequest p, boolean last) {
    if (!last || p.asyncId() != 0 || p.result().isDone() || !ctx.channel().isActive()) {
      return;
    }
    if (!connection.makeAsync(p)) {
      return; // too many async requests: the client waits without an interim response
    }
    Smb2Header h = responseHeader(e, null, NtStatus.PENDING, p.asyncId(), true);
    ByteBuf body = Unpooled.buffer();
    Smb2ErrorResponse.empty().encode(body);
    out.add(
        new ResponseChain.Element(h, ByteBufUtil.getBytes(body), signer(e, null, session), null));
    flush(false);
  }

  private void complete(
      RequestElement e, RequestContext rc, SmbSession session, Response r, PendingRequest p) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} mid {} -> {}",
          ctx.channel().remoteAddress(),
          e.command(),
          e.header().messageId(),
          r.isNone() ? "no response" : r.status());
    }
    if (r.isNone() || r.body() == null) {
      if (r.payload() != null) {
        r.payload().release();
      }
      if (r.body() == null && r.disconnect()) {
        disconnect = true;
      }
      return;
    }
    long asyncId = p == null ? 0 : p.asyncId();
    Smb2Header h = responseHeader(e, rc, r.status(), asyncId, asyncId == 0);
    ByteBuf body = ctx.alloc().heapBuffer();
    byte[] bodyBytes;
    try {
      r.body().accept(body);
      bodyBytes = ByteBufUtil.getBytes(body);
    } catch (RuntimeException ex) {
      if (r.payload() != null) {
        r.payload().release();
      }
      throw ex;
    } finally {
      body.release();
    }
    SmbSession s = rc != null && rc.session() != null ? rc.session() : session;
    out.add(new ResponseChain.Element(h, bodyBytes, signer(e, r, s), r.onEncoded(), r.payload()));
    if (asyncId != 0) {
      flush(false);
    }
    if (r.disconnect()) {
      disconnect = true;
    }
    if (e.command() == Smb2Command.CREATE && r.status().isError()) {
      createError = r.status();
    }
    if (rc != null && rc.newSession() != null) {
      prevSessionId = rc.newSession().sessionId();
    }
    if (rc != null && rc.newTree() != null) {
      prevTreeId = rc.newTree().treeId();
    }
    Smb2FileId used = fileIdOf(e);
    if (rc != null && rc.createdFileId() != null) {
      prevFileId = rc.createdFileId();
    } else if (used != null) {
      prevFileId = e.header().isRelated() && used.isAny() ? prevFileId : used;
    }
  }

  private Smb2Header responseHeader(
      RequestElement e, RequestContext rc, NtStatus status, long asyncId, boolean grant) {
    Smb2Header q = e.header();
    int flags =
        Smb2Header.FLAG_SERVER_TO_REDIR
            | (q.flags() & (Smb2Header.FLAG_RELATED_OPERATIONS | Smb2Header.FLAG_PRIORITY_MASK))
            | (asyncId != 0 ? Smb2Header.FLAG_ASYNC_COMMAND : 0);
    int credits = grant ? connection.credits().grant(q.credits()) : 0;
    long sessionId =
        rc != null && rc.newSession() != null ? rc.newSession().sessionId() : e.sessionId();
    int treeId = rc != null && rc.newTree() != null ? rc.newTree().treeId() : e.treeId();
    return new Smb2Header(
        q.creditCharge(),
        status.code(),
        q.command(),
        credits,
        flags,
        0,
        q.messageId(),
        asyncId,
        asyncId != 0 ? 0 : treeId,
        sessionId,
        new byte[16]);
  }

  /** [MS-SMB2] 3.3.4.1.1 whether and with which key a response is signed. */
  private Smb2Signer signer(RequestElement e, Response r, SmbSession s) {
    if (e.command() == Smb2Command.NEGOTIATE || e.signatureFailed()) {
      return null;
    }
    if (r != null && r.signAs() != null) {
      return r.signAs().signer();
    }
    if (chain.encrypted() || s == null || s.signer() == null) {
      return null;
    }
    if (s.state() == SessionState.IN_PROGRESS) {
      return null;
    }
    return e.header().isSigned() || s.signingRequired() ? s.signer() : null;
  }

  private static Smb2FileId fileIdOf(RequestElement e) {
    Smb2Command cmd = e.command();
    if (cmd == null || cmd.fileIdOffset() < 0) {
      return null;
    }
    ByteBuf m = e.message();
    int at = m.readerIndex() + Smb2Header.LENGTH + cmd.fileIdOffset();
    return at + 16 <= m.writerIndex() ? Smb2FileId.read(m, at) : null;
  }

  private static Response failure(RequestElement e, Throwable ex) {
    Throwable t = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
    if (t instanceof Smb2StatusException) {
      return Response.error(((Smb2StatusException) t).status());
    }
    if (t instanceof Smb2DecodeException) {
      return Response.error(((Smb2DecodeException) t).status());
    }
    if (t instanceof Smb2ConnectionException) {
      LOG.debug("dropping the connection: {}", t.getMessage());
      return Response.drop();
    }
    LOG.warn("handler for {} failed", e.command(), t);
    return Response.error(NtStatus.INTERNAL_ERROR);
  }

  private void flush(boolean close) {
    if (!out.isEmpty()) {
      Outbound.write(
          ctx.channel(), new ResponseChain(List.copyOf(out), chain.decryptedBy(), close));
      out.clear();
    } else if (close) {
      Outbound.close(ctx.channel());
    }
  }

  private void finish() {
    chain.buffer().release();
    flush(disconnect);
  }
}
