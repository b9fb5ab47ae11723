package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.PreauthIntegrity;
import io.cephsmb.gateway.crypto.Smb2Cipher;
import io.cephsmb.gateway.crypto.Smb2Dialect;
import io.cephsmb.gateway.crypto.Smb2SigningAlgorithm;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.1.7 Connection: the negotiated parameters, the sessions, the credit window and the
 * requests in flight of one TCP connection. Event-loop confined.
 */
public final class SmbConnection {
  private final ServerContext server;
  private ConnectionState state = ConnectionState.AWAITING_NEGOTIATE;
  private Smb2Dialect dialect;
  private Smb2Cipher cipher;
  private Smb2SigningAlgorithm signingAlgorithm;
  private byte[] preauthHash = PreauthIntegrity.initial();
  private byte[] clientGuid = new byte[16];
  private int clientSecurityMode;
  private int clientCapabilities;
  private List<Integer> clientDialects = List.of();
  private int serverSecurityMode;
  private int serverCapabilities;
  private final Map<Long, SmbSession> sessions = new HashMap<>();
  private final CreditWindow credits;
  private final Map<Long, PendingRequest> pendingByMessageId = new HashMap<>();
  private final Map<Long, PendingRequest> pendingByAsyncId = new HashMap<>();
  private long nextAsyncId = 1;
  private final List<Runnable> closeHooks = new java.util.ArrayList<>();
  private final List<java.util.function.Function<SmbSession, CompletableFuture<?>>>
      sessionCloseHooks = new java.util.ArrayList<>();
  private io.netty.channel.Channel channel;

  SmbConnection(ServerContext server) {
    this.server = server;
    this.credits = new CreditWindow(server.config().maxCredits());
  }

  /**
   * Registers what to do when the connection closes (the file service closes its opens); runs on
   * the event loop, once.
   */
  public void onClose(Runnable hook) {
    closeHooks.add(hook);
  }

  /**
   * Registers what to do when a session of this connection is torn down other than by LOGOFF or the
   * connection's end: a failed re-authentication, or a new session of the same user naming it as
   * PreviousSessionId ([MS-SMB2] 3.3.5.5.3: its opens are closed). The hook runs on the event loop;
   * the SESSION_SETUP that caused it is answered once the returned future completes.
   */
  public void onSessionClosed(java.util.function.Function<SmbSession, CompletableFuture<?>> hook) {
    sessionCloseHooks.add(hook);
  }

  /**
   * Tears {@code s} down: CLOSED, out of this connection's and the server's session tables, then
   * the {@link #onSessionClosed} hooks. Event loop. The future completes when every hook did (never
   * exceptionally).
   */
  CompletableFuture<Void> closeSession(SmbSession s) {
    if (s.state() != SessionState.CLOSED) {
      s.transition(SessionState.CLOSED);
    }
    removeSession(s);
    List<CompletableFuture<?>> done = new java.util.ArrayList<>();
    for (java.util.function.Function<SmbSession, CompletableFuture<?>> h :
        List.copyOf(sessionCloseHooks)) {
      try {
        done.add(h.apply(s).exceptionally(t -> null));
      } catch (RuntimeException e) {
        // a hook that throws must not keep the others from running
      }
    }
    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
  }

  /** The event loop of this connection, or null before its channel exists (tests). */
  io.netty.channel.EventLoop eventLoop() {
    io.netty.channel.Channel ch = channel;
    return ch == null ? null : ch.eventLoop();
  }

  void channel(io.netty.channel.Channel ch) {
    channel = ch;
  }

  /**
   * Sends a server-initiated message ([MS-SMB2] 3.3.4.6 oplock and 3.3.4.7 lease break
   * notifications): MessageId 0xFFFFFFFFFFFFFFFF, no credits, TreeId 0, unsigned as Samba does,
   * encrypted when the session {@code sessionId} (0 for lease breaks) encrypts its traffic. Safe
   * from any thread; nothing is sent when the connection is gone.
   *
   * @param command the command (OPLOCK_BREAK)
   * @param sessionId the SessionId for the header
   * @param body the encoded body
   * @return whether the connection was still open
   */
  public boolean sendUnsolicited(
      io.cephsmb.gateway.mssmb2.Smb2Command command, long sessionId, byte[] body) {
    io.netty.channel.Channel ch = channel;
    if (ch == null || !ch.isActive()) {
      return false;
    }
    ch.eventLoop()
        .execute(
            () -> {
              SmbSession s = sessionId == 0 ? null : sessions.get(sessionId);
              io.cephsmb.gateway.mssmb2.Smb2Header h =
                  new io.cephsmb.gateway.mssmb2.Smb2Header(
                      0,
                      0,
                      command.code(),
                      0,
                      io.cephsmb.gateway.mssmb2.Smb2Header.FLAG_SERVER_TO_REDIR,
                      0,
                      -1L,
                      0,
                      0,
                      sessionId,
                      new byte[16]);
              SmbSession encrypt =
                  s != null && s.encryptData() && s.state() == SessionState.VALID ? s : null;
              Outbound.write(
                  ch,
                  new ResponseChain(
                      List.of(new ResponseChain.Element(h, body.clone(), null, null)),
                      encrypt,
                      false));
            });
    return true;
  }

  void closed() {
    List<Runnable> hooks = List.copyOf(closeHooks);
    closeHooks.clear();
    for (Runnable r : hooks) {
      r.run();
    }
  }

  /** The server this connection belongs to. */
  public ServerContext server() {
    return server;
  }

  ConnectionState state() {
    return state;
  }

  /** The one place the connection state changes; NEGOTIATED is final. */
  void transition(ConnectionState to) {
    if (state == ConnectionState.NEGOTIATED || to == ConnectionState.AWAITING_NEGOTIATE) {
      throw new IllegalStateException("connection " + state + " -> " + to);
    }
    state = to;
  }

  /** Connection.Dialect, or null before negotiation. */
  public Smb2Dialect dialect() {
    return dialect;
  }

  /** Connection.CipherId (AES-128-CCM for 3.0/3.0.2), or null when no encryption. */
  public Smb2Cipher cipher() {
    return cipher;
  }

  /** The signing algorithm in force. */
  public Smb2SigningAlgorithm signingAlgorithm() {
    return signingAlgorithm;
  }

  /** Connection.SupportsMultiCredit: 2.1 and later with LARGE_MTU. */
  public boolean supportsMultiCredit() {
    return dialect != null && dialect != Smb2Dialect.SMB_2_0_2;
  }

  byte[] preauthHash() {
    return preauthHash;
  }

  void preauthHash(byte[] h) {
    preauthHash = h;
  }

  /** Records what the NEGOTIATE settled ([MS-SMB2] 3.3.5.4). */
  void negotiated(
      Smb2Dialect dialect,
      Smb2Cipher cipher,
      Smb2SigningAlgorithm signingAlgorithm,
      byte[] clientGuid,
      int clientSecurityMode,
      int clientCapabilities,
      List<Integer> clientDialects,
      int serverSecurityMode,
      int serverCapabilities) {
    this.dialect = dialect;
    this.cipher = cipher;
    this.signingAlgorithm = signingAlgorithm;
    this.clientGuid = clientGuid.clone();
    this.clientSecurityMode = clientSecurityMode;
    this.clientCapabilities = clientCapabilities;
    this.clientDialects = List.copyOf(clientDialects);
    this.serverSecurityMode = serverSecurityMode;
    this.serverCapabilities = serverCapabilities;
  }

  /** Connection.ClientGuid from the NEGOTIATE (zeros before it). */
  public byte[] clientGuid() {
    return clientGuid.clone();
  }

  int clientSecurityMode() {
    return clientSecurityMode;
  }

  int clientCapabilities() {
    return clientCapabilities;
  }

  List<Integer> clientDialects() {
    return clientDialects;
  }

  int serverSecurityMode() {
    return serverSecurityMode;
  }

  int serverCapabilities() {
    return serverCapabilities;
  }

  /** The session with this id on this connection, or null. */
  SmbSession session(long sessionId) {
    return sessions.get(sessionId);
  }

  int sessionCount() {
    return sessions.size();
  }

  void addSession(SmbSession s) {
    sessions.put(s.sessionId(), s);
    server.registerSession(s);
  }

  void removeSession(SmbSession s) {
    sessions.remove(s.sessionId());
    server.unregisterSession(s);
  }

  /** Whether any session finished authentication (for the unauthenticated-connection timeout). */
  boolean hasValidSession() {
    for (SmbSession s : sessions.values()) {
      if (s.state() == SessionState.VALID) {
        return true;
      }
    }
    return false;
  }

  CreditWindow credits() {
    return credits;
  }

  void addPending(PendingRequest p) {
    pendingByMessageId.put(p.messageId(), p);
  }

  void removePending(PendingRequest p) {
    pendingByMessageId.remove(p.messageId());
    if (p.asyncId() != 0) {
      pendingByAsyncId.remove(p.asyncId());
    }
  }

  /** Gives {@code p} an AsyncId; false when too many requests are already async. */
  boolean makeAsync(PendingRequest p) {
    if (pendingByAsyncId.size() >= server.config().maxAsyncRequests()) {
      return false;
    }
    long id = nextAsyncId++;
    p.asyncId(id);
    pendingByAsyncId.put(id, p);
    return true;
  }

  PendingRequest pendingByMessageId(long messageId) {
    return pendingByMessageId.get(messageId);
  }

  PendingRequest pendingByAsyncId(long asyncId) {
    return pendingByAsyncId.get(asyncId);
  }

  /** Cancels everything in flight (the connection is going away). */
  void cancelAll() {
    for (PendingRequest p : List.copyOf(pendingByMessageId.values())) {
      p.cancel();
    }
    for (SmbSession s : List.copyOf(sessions.values())) {
      if (s.state() != SessionState.CLOSED) {
        s.transition(SessionState.CLOSED);
      }
      server.unregisterSession(s);
    }
    sessions.clear();
  }
}
