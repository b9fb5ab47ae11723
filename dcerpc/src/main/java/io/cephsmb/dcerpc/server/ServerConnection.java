package io.cephsmb.dcerpc.server;

import io.cephsmb.dcerpc.auth.AuthException;
import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.auth.SecurityProvider;
import io.cephsmb.dcerpc.pdu.AlterContextPdu;
import io.cephsmb.dcerpc.pdu.AlterContextRespPdu;
import io.cephsmb.dcerpc.pdu.Auth3Pdu;
import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.BindAckBody;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.BindBody;
import io.cephsmb.dcerpc.pdu.BindNakPdu;
import io.cephsmb.dcerpc.pdu.BindPdu;
import io.cephsmb.dcerpc.pdu.ContextResult;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.PacketType;
import io.cephsmb.dcerpc.pdu.Pdu;
import io.cephsmb.dcerpc.pdu.PduException;
import io.cephsmb.dcerpc.pdu.PduHeader;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.RequestPdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.cephsmb.dcerpc.pdu.VerificationTrailer;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * The server side of one connection ([C706] 12.4 / [MS-RPCE] 3.3.3): fed one PDU frame at a time by
 * a transport, answers through its {@link PduSink}. Calls are dispatched to handlers that may
 * complete later and in any order; their responses go out as they complete. Nothing a client sends
 * escapes as an exception: malformed PDUs and protocol violations are answered with bind_nak or a
 * fault (followed by an abort where the stream can no longer be trusted).
 */
public final class ServerConnection {
  /** Frames held back while an authentication leg completes. */
  static final int MAX_BACKLOG = 64;

  private final RpcServer server;
  private final PduSink sink;
  private final String secondaryAddress;
  private final TransportIdentity transport;
  private final Map<Integer, RpcInterface> contexts = new HashMap<>();
  private final Map<Integer, PendingCall> pending = new HashMap<>();
  private final CallAssembler assembler;
  private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
  private boolean waiting;
  private ConnectionState state = ConnectionState.AWAITING_BIND;
  private AssociationGroup group;
  private SecurityBinding security;
  private boolean headerSigning;
  private int maxXmitFrag;
  private int maxRecvFrag;

  ServerConnection(
      RpcServer server, PduSink sink, String secondaryAddress, TransportIdentity transport) {
    this.server = server;
    this.sink = sink;
    this.secondaryAddress = secondaryAddress;
    this.transport = transport;
    this.assembler = new CallAssembler(server.maxRequest());
  }

  /** The current state. */
  public synchronized ConnectionState state() {
    return state;
  }

  /** The association group joined at bind, or null before. */
  public synchronized AssociationGroup group() {
    return group;
  }

  /** Number of calls dispatched and not yet answered. */
  public synchronized int pendingCalls() {
    return pending.size();
  }

  /**
   * Handles one complete PDU (frame) from the client. While an authentication leg is completing
   * asynchronously, frames are held back (at most {@link #MAX_BACKLOG}) and processed in order once
   * it has.
   */
  public synchronized void receive(byte[] frame) {
    if (state == ConnectionState.CLOSED) {
      return;
    }
    if (waiting) {
      if (backlog.size() >= MAX_BACKLOG) {
        sink.send(ResponseWriter.encode(FaultPdu.of(0, 0, RpcStatus.PROTO_ERROR, true)));
        abort();
        return;
      }
      backlog.add(frame);
      return;
    }
    process(frame);
  }

  private void process(byte[] frame) {
    Pdu pdu;
    try {
      pdu = Pdu.decode(Unpooled.wrappedBuffer(frame));
    } catch (PduException e) {
      rejectMalformed(e);
      return;
    }
    try {
      if (state == ConnectionState.BOUND && frame.length > maxRecvFrag) {
        throw new ProtocolViolation(RpcStatus.PROTO_ERROR, "fragment beyond max_recv_frag");
      }
      dispatch(pdu, frame);
    } catch (ProtocolViolation v) {
      sink.send(ResponseWriter.encode(FaultPdu.of(pdu.callId(), 0, v.status(), true)));
      abort();
    } catch (RuntimeException e) {
      // a bug of ours must not take the transport down with it
      sink.send(ResponseWriter.encode(FaultPdu.of(pdu.callId(), 0, RpcStatus.FAULT_UNSPEC, false)));
    }
  }

  /**
   * Runs {@code then} with the outcome of {@code f}: at once if it is done, otherwise when it
   * completes, holding back the frames received meanwhile; never blocks.
   */
  private <T> void await(CompletableFuture<T> f, BiConsumer<T, Throwable> then) {
    if (f.isDone()) {
      T value = null;
      Throwable error = null;
      try {
        value = f.join();
      } catch (CompletionException | CancellationException e) {
        error = e;
      }
      then.accept(value, error);
      return;
    }
    waiting = true;
    var unused = f.whenComplete((value, error) -> resume(value, error, then));
  }

  private synchronized <T> void resume(T value, Throwable error, BiConsumer<T, Throwable> then) {
    waiting = false;
    if (state == ConnectionState.CLOSED) {
      backlog.clear();
      return;
    }
    then.accept(value, error);
    while (!waiting && state != ConnectionState.CLOSED && !backlog.isEmpty()) {
      process(backlog.poll());
    }
  }

  /** The transport closed: cancel every pending call and leave the association group. */
  public synchronized void close() {
    if (state == ConnectionState.CLOSED) {
      return;
    }
    state = ConnectionState.CLOSED;
    for (PendingCall call : List.copyOf(pending.values())) {
      call.cancel(true);
    }
    pending.clear();
    backlog.clear();
    assembler.reset();
    if (group != null) {
      server.groups().leave(group);
    }
  }

  private void abort() {
    close();
    sink.abort();
  }

  private void rejectMalformed(PduException e) {
    if (e.ptype() == PacketType.BIND.code()) {
      int reason =
          e.kind() == PduException.VERSION
              ? BindNakPdu.PROTOCOL_VERSION_NOT_SUPPORTED
              : BindNakPdu.REASON_NOT_SPECIFIED;
      sink.send(ResponseWriter.encode(BindNakPdu.of(e.callId(), reason)));
      return;
    }
    sink.send(
        ResponseWriter.encode(
            FaultPdu.of(Math.max(e.callId(), 0), 0, RpcStatus.PROTO_ERROR, true)));
    abort();
  }

  private void dispatch(Pdu pdu, byte[] frame) throws ProtocolViolation {
    if (pdu instanceof BindPdu bind) {
      bind(bind);
      return;
    }
    if (state != ConnectionState.BOUND) {
      throw new ProtocolViolation(RpcStatus.PROTO_ERROR, pdu.type() + " before bind");
    }
    switch (pdu.type()) {
      case ALTER_CONTEXT -> alterContext((AlterContextPdu) pdu);
      case AUTH3 -> auth3((Auth3Pdu) pdu);
      case REQUEST -> request((RequestPdu) pdu, frame);
      case CO_CANCEL -> cancel(pdu.callId(), false);
      case ORPHANED -> cancel(pdu.callId(), true);
      default -> throw new ProtocolViolation(RpcStatus.PROTO_ERROR, pdu.type() + " from a client");
    }
  }

  private void bind(BindPdu bind) {
    BindBody b = bind.body();
    int nak = -1;
    if (state != ConnectionState.AWAITING_BIND) {
      nak = BindNakPdu.REASON_NOT_SPECIFIED;
    } else if (b.maxXmitFrag() < RpcServer.MIN_FRAG || b.maxRecvFrag() < RpcServer.MIN_FRAG) {
      nak = BindNakPdu.REASON_NOT_SPECIFIED;
    }
    SecurityBinding sec = null;
    if (nak < 0 && bind.auth().isPresent()) {
      AuthVerifier v = bind.auth().get();
      Optional<SecurityProvider> provider = server.provider(v.authType());
      AuthLevel level = AuthLevel.fromCode(v.authLevel());
      if (provider.isEmpty()) {
        nak = BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED;
      } else if (level != AuthLevel.CONNECT && level != null && !level.protectsPdus()) {
        nak = BindNakPdu.REASON_NOT_SPECIFIED;
      } else if (level == null) {
        nak = BindNakPdu.REASON_NOT_SPECIFIED;
      } else {
        sec = new SecurityBinding(v.authType(), level, v.contextId(), provider.get().newContext());
      }
    }
    if (nak >= 0) {
      sink.send(ResponseWriter.encode(BindNakPdu.of(bind.callId(), nak)));
      return;
    }
    if (sec == null) {
      completeBind(bind, null, null);
      return;
    }
    SecurityBinding binding = sec;
    await(
        sec.step(bind.auth().get()),
        (answer, error) -> {
          if (error != null) {
            sink.send(
                ResponseWriter.encode(
                    BindNakPdu.of(bind.callId(), BindNakPdu.REASON_NOT_SPECIFIED)));
          } else {
            completeBind(bind, binding, answer);
          }
        });
  }

  private void completeBind(BindPdu bind, SecurityBinding sec, AuthVerifier answer) {
    BindBody b = bind.body();
    int nak = -1;
    AssociationGroup joined = null;
    if (nak < 0) {
      joined =
          b.assocGroupId() == 0 ? server.groups().create() : server.groups().join(b.assocGroupId());
      if (joined == null) {
        nak = BindNakPdu.REASON_NOT_SPECIFIED;
      }
    }
    if (nak >= 0) {
      sink.send(ResponseWriter.encode(BindNakPdu.of(bind.callId(), nak)));
      return;
    }
    group = joined;
    security = sec;
    maxXmitFrag = Math.min(b.maxRecvFrag(), server.maxFrag());
    maxRecvFrag = Math.min(b.maxXmitFrag(), server.maxFrag());
    List<ContextResult> results = ContextNegotiator.negotiate(server, b.contexts(), contexts);
    state = ConnectionState.BOUND;
    BindAckBody ack =
        new BindAckBody(maxXmitFrag, maxRecvFrag, group.id(), secondaryAddress, results);
    // [MS-RPCE] 2.2.2.3/3.3.1.5.2.2: the PDU signatures cover the header already; with an
    // authenticated bind the client's PFC_SUPPORT_HEADER_SIGN is echoed (header signing on)
    headerSigning = sec != null && (bind.flags() & PfcFlags.SUPPORT_HEADER_SIGN) != 0;
    int flags =
        PfcFlags.FIRST_AND_LAST
            | (bind.flags() & PfcFlags.CONC_MPX)
            | (headerSigning ? PfcFlags.SUPPORT_HEADER_SIGN : 0);
    sink.send(
        ResponseWriter.encode(
            new BindAckPdu(flags, bind.callId(), ack, Optional.ofNullable(answer))));
  }

  private void alterContext(AlterContextPdu alter) {
    if (alter.auth().isEmpty()) {
      completeAlterContext(alter, null);
      return;
    }
    AuthVerifier v = alter.auth().get();
    // the level, type and context id are fixed at bind; a second context is not supported
    if (security == null || !security.matches(v)) {
      faultNotExecuted(alter.callId(), RpcStatus.ACCESS_DENIED);
      return;
    }
    await(
        security.step(v),
        (answer, error) -> {
          if (error != null) {
            faultNotExecuted(alter.callId(), RpcStatus.ACCESS_DENIED);
          } else {
            completeAlterContext(alter, answer);
          }
        });
  }

  private void completeAlterContext(AlterContextPdu alter, AuthVerifier answer) {
    List<ContextResult> results =
        ContextNegotiator.negotiate(server, alter.body().contexts(), contexts);
    BindAckBody body = new BindAckBody(maxXmitFrag, maxRecvFrag, group.id(), "", results);
    sink.send(
        ResponseWriter.encode(
            new AlterContextRespPdu(
                PfcFlags.FIRST_AND_LAST, alter.callId(), body, Optional.ofNullable(answer))));
  }

  private void auth3(Auth3Pdu auth3) {
    // auth3 has no answer; a failure shows as access denied on the next request
    if (security != null && security.matches(auth3.verifier())) {
      await(security.step(auth3.verifier()), (answer, error) -> {});
    }
  }

  private void request(RequestPdu request, byte[] frame) throws ProtocolViolation {
    if (pending.containsKey(request.callId())) {
      throw new ProtocolViolation(RpcStatus.PROTO_ERROR, "call_id in use: " + request.callId());
    }
    byte[] stub;
    try {
      if (security != null) {
        stub = security.verify(frame, request);
      } else if (request.auth().isPresent()) {
        throw new AuthException("verifier on an unauthenticated association");
      } else {
        stub = request.stub().toByteArray();
      }
    } catch (AuthException e) {
      if (assembler.callInProgress() == request.callId()) {
        assembler.reset();
      }
      faultNotExecuted(request.callId(), RpcStatus.ACCESS_DENIED);
      return;
    }
    CallAssembler.Assembled call = assembler.add(request, stub);
    if (call != null) {
      start(call.first(), call.stub());
    }
  }

  private void start(RequestPdu first, byte[] stub) {
    RpcInterface iface = contexts.get(first.contextId());
    if (iface == null) {
      faultNotExecuted(first.callId(), RpcStatus.UNK_IF);
      return;
    }
    if (!trailerAgrees(first, stub, iface)) {
      faultNotExecuted(first.callId(), RpcStatus.ACCESS_DENIED);
      return;
    }
    RpcHandler handler = iface.operations().get(first.opnum());
    if (handler == null) {
      faultNotExecuted(first.callId(), RpcStatus.OP_RNG_ERROR);
      return;
    }
    CallContext ctx =
        new CallContext(
            first.callId(),
            first.contextId(),
            first.opnum(),
            first.object(),
            group,
            security == null ? AuthLevel.NONE : security.level(),
            security == null ? "" : security.principal(),
            new CompletableFuture<>(),
            transport);
    PendingCall call = new PendingCall(ctx);
    pending.put(first.callId(), call);
    CompletableFuture<byte[]> result;
    try {
      result = handler.invoke(ctx, stub).toCompletableFuture();
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    call.result = result;
    var unused = result.whenComplete((out, error) -> complete(call, out, error));
  }

  /**
   * [MS-RPCE] 3.3.3.2.2.1: a verification trailer at the end of the stub must agree with what was
   * negotiated and received: BITMASK_1 may claim header signing only if the bind asked for it,
   * PCONTEXT names the context's interface and NDR 2.0, HEADER2 repeats the request's PTYPE, drep,
   * call_id, context id and opnum. A malformed trailer does not agree.
   */
  private boolean trailerAgrees(RequestPdu first, byte[] stub, RpcInterface iface) {
    Optional<VerificationTrailer> found;
    try {
      found = VerificationTrailer.find(stub);
    } catch (PduException e) {
      return false;
    }
    if (found.isEmpty()) {
      return true;
    }
    VerificationTrailer t = found.get();
    if (t.bitmask1() >= 0
        && (t.bitmask1() & VerificationTrailer.CLIENT_SUPPORT_HEADER_SIGNING) != 0
        && security != null
        && !headerSigning) {
      return false;
    }
    if (t.abstractSyntax() != null
        && (!iface.serves(t.abstractSyntax()) || !SyntaxId.NDR20.equals(t.transferSyntax()))) {
      return false;
    }
    VerificationTrailer.Header2 h = t.header2();
    return h == null
        || (h.ptype() == PacketType.REQUEST.code()
            && h.drep() == PduHeader.DREP_LITTLE_ENDIAN_ASCII
            && h.callId() == first.callId()
            && h.contextId() == first.contextId()
            && h.opnum() == first.opnum());
  }

  private synchronized void complete(PendingCall call, byte[] out, Throwable error) {
    int callId = call.context.callId();
    if (state == ConnectionState.CLOSED || pending.get(callId) != call) {
      return;
    }
    pending.remove(callId);
    if (call.orphaned) {
      return;
    }
    if (error == null && out != null) {
      for (byte[] fragment :
          ResponseWriter.fragments(callId, call.context.contextId(), out, maxXmitFrag, security)) {
        sink.send(fragment);
      }
      return;
    }
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    int status;
    if (cause instanceof RpcFaultException f) {
      status = f.status();
    } else if (cause instanceof CancellationException || call.context.isCancelled()) {
      status = RpcStatus.FAULT_CANCEL;
    } else {
      status = RpcStatus.FAULT_UNSPEC;
    }
    sink.send(ResponseWriter.encode(FaultPdu.of(callId, call.context.contextId(), status, false)));
  }

  private void cancel(int callId, boolean orphan) {
    if (assembler.callInProgress() == callId) {
      assembler.reset();
    }
    PendingCall call = pending.get(callId);
    if (call != null) {
      call.cancel(orphan);
    }
  }

  private void faultNotExecuted(int callId, int status) {
    sink.send(ResponseWriter.encode(FaultPdu.of(callId, 0, status, true)));
  }
}
