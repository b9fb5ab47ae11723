package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * What a {@link CommandHandler} gets: the request, the connection, the session and tree the
 * dispatcher found, and the ways to go off the event loop or asynchronous. Event-loop confined.
 */
public final class RequestContext {
  private final SmbConnection connection;
  private final RequestElement element;
  private final EventExecutor loop;
  private final boolean encrypted;
  private final SmbSession session;
  private final TreeConnect tree;
  private final Smb2FileId inheritedFileId;
  private final PendingRequest pending;
  private final Runnable goAsync;
  private SmbSession newSession;
  private TreeConnect newTree;
  private Smb2FileId createdFileId;

  RequestContext(
      SmbConnection connection,
      RequestElement element,
      EventExecutor loop,
      boolean encrypted,
      SmbSession session,
      TreeConnect tree,
      Smb2FileId inheritedFileId,
      PendingRequest pending,
      Runnable goAsync) {
    this.connection = connection;
    this.element = element;
    this.loop = loop;
    this.encrypted = encrypted;
    this.session = session;
    this.tree = tree;
    this.inheritedFileId = inheritedFileId;
    this.pending = pending;
    this.goAsync = goAsync;
  }

  /** The server-wide context. */
  public ServerContext server() {
    return connection.server();
  }

  /** The connection. */
  public SmbConnection connection() {
    return connection;
  }

  /** The request header. */
  public Smb2Header header() {
    return element.header();
  }

  /** The command. */
  public Smb2Command command() {
    return element.command();
  }

  /**
   * The request message (header at the reader index). Valid only until the handler's first
   * asynchronous step; decode it first.
   */
  public ByteBuf message() {
    return element.message();
  }

  /** A copy of the request message bytes (for the preauth integrity hash). */
  public byte[] messageBytes() {
    return ByteBufUtil.getBytes(element.message());
  }

  /** The SessionId in effect (inherited in related compounds). */
  public long sessionId() {
    return element.sessionId();
  }

  /** The TreeId in effect (inherited in related compounds). */
  public int treeId() {
    return element.treeId();
  }

  /** Whether the request came encrypted. */
  public boolean encrypted() {
    return encrypted;
  }

  /** The session (null for commands that need none, or for a new SESSION_SETUP). */
  public SmbSession session() {
    return session;
  }

  /** The tree connect (null for commands that need none). */
  public TreeConnect tree() {
    return tree;
  }

  /**
   * The FileId to use for {@code fileId} from the request body: in a related compound the all-ones
   * FileId stands for the previous operation's ([MS-SMB2] 3.3.5.2.7.2); null when there is none.
   */
  public Smb2FileId resolveFileId(Smb2FileId fileId) {
    if (element.header().isRelated() && fileId.isAny()) {
      return inheritedFileId;
    }
    return fileId;
  }

  /** Tells related requests after this one which file it opened (CREATE). */
  public void fileCreated(Smb2FileId fileId) {
    createdFileId = fileId;
  }

  Smb2FileId createdFileId() {
    return createdFileId;
  }

  /** Tells the dispatcher which session this request set up (SESSION_SETUP). */
  public void sessionEstablished(SmbSession s) {
    newSession = s;
  }

  SmbSession newSession() {
    return newSession;
  }

  /** Tells related requests after this one which tree it connected (TREE_CONNECT). */
  public void treeConnected(TreeConnect t) {
    newTree = t;
  }

  TreeConnect newTree() {
    return newTree;
  }

  /** The connection's event loop: continuations that touch state must run here. */
  public EventExecutor loop() {
    return loop;
  }

  /**
   * Runs blocking {@code work} on the server's bounded executor and completes on the event loop.
   * When the executor is full the future fails with a {@link Smb2StatusException} of
   * STATUS_INSUFFICIENT_RESOURCES.
   */
  public <T> CompletableFuture<T> offload(Supplier<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    boolean counted = SpinThenWait.awaiting(loop);
    try {
      server()
          .blocking()
          .execute(
              () -> {
                try {
                  T v = work.get();
                  loop.execute(
                      () -> {
                        SpinThenWait.arrived(counted);
                        done.complete(v);
                      });
                } catch (RuntimeException | Error e) {
                  // an Error too: the request gets an error status instead of no answer at all
                  loop.execute(
                      () -> {
                        SpinThenWait.arrived(counted);
                        done.completeExceptionally(e);
                      });
                }
              });
    } catch (RejectedExecutionException e) {
      SpinThenWait.arrived(counted);
      done.completeExceptionally(
          new Smb2StatusException(NtStatus.INSUFFICIENT_RESOURCES, "blocking executor full"));
    }
    return done;
  }

  /**
   * Continues {@code future} (which may complete on any thread) on the event loop, so that the next
   * step may touch connection state.
   */
  public <T> CompletableFuture<T> onLoop(CompletableFuture<T> future) {
    CompletableFuture<T> done = new CompletableFuture<>();
    boolean counted = SpinThenWait.awaiting(loop);
    var unused =
        future.whenComplete(
            (v, e) ->
                loop.execute(
                    () -> {
                      SpinThenWait.arrived(counted);
                      if (e != null) {
                        done.completeExceptionally(e);
                      } else {
                        done.complete(v);
                      }
                    }));
    return done;
  }

  /**
   * Sends the interim STATUS_PENDING response now ([MS-SMB2] 3.3.4.2) for a request that will take
   * long (a blocking lock, CHANGE_NOTIFY); the final response follows with the AsyncId. Without
   * this call the dispatcher sends the interim response by itself when the handler is still running
   * after {@link SmbServerConfig#interimDelay()}.
   */
  public void goAsync() {
    goAsync.run();
  }

  /** Registers what to do when a CANCEL arrives for this request. */
  public void onCancel(Runnable hook) {
    pending.onCancel(hook);
  }
}
